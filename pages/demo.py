"""Demo content for the network's staff groups."""

from wagtail.models import Locale

from pages.models import StaffGroup

STAFF_GROUPS = [
    (
        "Trauma surgeons",
        "trauma-surgeons",
        "Trauma and orthopaedic, plastic and general surgeons on the major trauma pathway.",
    ),
    (
        "Emergency medicine",
        "emergency-medicine",
        "Emergency physicians and trauma team leaders in the Major Trauma Centre and Trauma Units.",
    ),
    (
        "Critical care nurses",
        "critical-care-nurses",
        "Nurses caring for level 2 and level 3 patients across the network's units.",
    ),
    (
        "Physiotherapists",
        "physiotherapists",
        "Physiotherapists supporting respiratory care and rehabilitation after injury.",
    ),
    (
        "Occupational therapists",
        "occupational-therapists",
        "Occupational therapists helping patients return to daily life after critical illness.",
    ),
    (
        "Speech and language therapists",
        "speech-and-language-therapists",
        "Speech and language therapists for communication and swallowing after trauma.",
    ),
    (
        "Paramedics",
        "paramedics",
        "Pre-hospital clinicians triaging and transferring patients along agreed pathways.",
    ),
    (
        "Rehabilitation coordinators",
        "rehabilitation-coordinators",
        "Coordinators planning each patient's rehabilitation across providers.",
    ),
]


def load(demo):
    locale = Locale.get_default()
    demo.staff_groups = {}
    for name, slug, description in STAFF_GROUPS:
        group, _ = StaffGroup.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name, "description": description}
        )
        demo.staff_groups[slug] = group
