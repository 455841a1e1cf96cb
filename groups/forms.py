"""The admin form of a network group page."""

from django.conf import settings

from wagtail.admin.forms import WagtailAdminPageForm

# Who reads the papers, who edits the group and where its files live: the network
# office decides these, never the group's own chair (who could otherwise widen them).
OFFICE_ONLY_FIELDS = ("members_group", "editors_group", "papers_collection")


def is_office(user) -> bool:
    return bool(
        user
        and user.is_active
        and (
            user.is_superuser
            or user.groups.filter(name=settings.NETWORK_OFFICE_GROUP_NAME).exists()
        )
    )


class NetworkGroupPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_office(self.for_user):
            for name in OFFICE_ONLY_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "Set by the network office."
