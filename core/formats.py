"""Delivery formats: the vocabulary a training course's format is chosen from, and
the ``format`` filter values that stand for several formats at once.

Shared vocabularies of how something is delivered live here, beside the other
taxonomies of the core, so that models, filters, the API and the docs name them once.
"""

from django.db import models


class DeliveryFormat(models.TextChoices):
    FACE_TO_FACE = "face-to-face", "Face to face"
    VIRTUAL = "virtual", "Virtual (live online)"
    E_LEARNING = "e-learning", "E-learning"
    BLENDED = "blended", "Blended"


# Formats a course can be taken in entirely online, and the filter value naming them.
ONLINE = "online"
ONLINE_FORMATS = [DeliveryFormat.VIRTUAL, DeliveryFormat.E_LEARNING]
FORMAT_FILTER_CHOICES = [
    *DeliveryFormat.choices,
    (ONLINE, "Online (virtual or e-learning)"),
]


def format_values(value: str) -> list[str]:
    """The delivery formats a ``format`` filter value stands for (empty if unknown)."""
    if value == ONLINE:
        return [str(choice) for choice in ONLINE_FORMATS]
    return [value] if value in DeliveryFormat.values else []
