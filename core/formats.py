"""Delivery formats: the one vocabulary of how an event or a training course is
delivered, and the ``format`` filter values that stand for several formats at once.

Events and courses choose from the same values, so the calendar's "In person" filter
finds face-to-face courses as well as in-person events. Older course values map as
face-to-face → ``in_person``, virtual → ``online``, blended → ``hybrid``,
e-learning → ``e_learning`` (``LEGACY_COURSE_FORMATS``, used by the data migration).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online (live)")
    HYBRID = "hybrid", _("Hybrid")
    E_LEARNING = "e_learning", _("E-learning")


# Events happen at a time: they are never self-paced e-learning.
EVENT_FORMATS = [DeliveryFormat.IN_PERSON, DeliveryFormat.ONLINE, DeliveryFormat.HYBRID]
EVENT_FORMAT_CHOICES = [(value.value, value.label) for value in EVENT_FORMATS]

# Formats a course can be taken in without travelling, and the filter value naming them.
REMOTE = "remote"
REMOTE_FORMATS = [DeliveryFormat.ONLINE, DeliveryFormat.E_LEARNING]
FORMAT_FILTER_CHOICES = [
    *DeliveryFormat.choices,
    (REMOTE, _("Online or e-learning")),
]

# The values courses used before the shared vocabulary, and what each became.
LEGACY_COURSE_FORMATS = {
    "face-to-face": DeliveryFormat.IN_PERSON.value,
    "virtual": DeliveryFormat.ONLINE.value,
    "e-learning": DeliveryFormat.E_LEARNING.value,
    "blended": DeliveryFormat.HYBRID.value,
}


def format_values(value: str) -> list[str]:
    """The delivery formats a ``format`` filter value stands for (empty if unknown)."""
    if value == REMOTE:
        return [str(choice) for choice in REMOTE_FORMATS]
    return [value] if value in DeliveryFormat.values else []
