import secrets

from django.conf import settings
from django.db import models


def new_feed_token():
    return secrets.token_urlsafe(32)


class PersonalFeedToken(models.Model):
    """The secret in a member's personal calendar feed address; resetting it revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    issued_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "personal calendar feed token"

    def __str__(self):
        return f"Calendar feed of {self.user}"

    def reset(self):
        self.token = new_feed_token()
        self.save(update_fields=["token", "issued_at"])
