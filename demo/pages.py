"""Demo content: staff groups, their pages, training courses and quality measures."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

from core.demo import ensure_child, rich_text, working_day
from core.models import MembersOnlyTeaser, StaffGroup
from home.models import HomePageSectionCard
from pages.models import (
    ContentPage,
    QualityImprovementIndexPage,
    QualityMeasurePage,
    StaffGroupContact,
    StaffGroupPage,
    TrainingCoursePage,
    TrainingIndexPage,
    TrainingSession,
)

STAFF_GROUPS = [
    (
        "Trauma surgeons",
        "trauma-surgeons",
        "Trauma and orthopaedic, plastic and general surgeons on the major trauma pathway.",
    ),
    (
        "Emergency physicians",
        "emergency-physicians",
        "Emergency physicians and trauma team leaders in the Major Trauma Centre and Trauma Units.",
    ),
    (
        "Intensivists",
        "intensivists",
        "Consultants in intensive care medicine leading the network's level 2 and level 3 units.",
    ),
    (
        "Anaesthetists",
        "anaesthetists",
        "Anaesthetists in trauma theatres, resuscitation and critical care transfers.",
    ),
    (
        "Critical care nurses",
        "critical-care-nurses",
        "Nurses caring for level 2 and level 3 patients across the network's units.",
    ),
    (
        "Trauma coordinators",
        "trauma-coordinators",
        "Nurses and practitioners coordinating each major trauma patient's care and transfers.",
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
        "Dietitians",
        "dietitians",
        "Dietitians planning nutrition for critically ill and injured patients.",
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
    load_sections(demo)


# --- Sections: Training & Education, Quality Improvement, staff group pages ------------

TRAINING_INTRODUCTION = (
    "This section contains details of existing training opportunities available to staff "
    "groups within the trauma pathway."
)
QUALITY_INTRODUCTION = (
    "Quality measures aim to find the most appropriate and deliverable measures that can be "
    "used nationally to help organisations improve the quality of care in their services."
)
TRAUMA_SURGEONS_TEXT = (
    "Patients who have suffered a severe injury often need complex reconstruction surgery and "
    "care from many professionals such as physiotherapists, occupational therapists and speech "
    "and language therapists."
)

# (slug, title, staff groups, format, provider, duration, CPD, cost, price, status,
#  [(days from now, start hour, hours, venue)], summary)
COURSES = [
    (
        "chest-trauma-physiotherapy-webinar",
        "Chest trauma physiotherapy: live webinar series",
        ["physiotherapists"],
        "online",
        "Network Education Team",
        "4 x 90-minute sessions",
        6,
        "free",
        "",
        "open",
        [(21, 13, 1.5, "Online (Microsoft Teams)"), (49, 13, 1.5, "Online (Microsoft Teams)")],
        "Airway clearance and ventilation strategies after rib fractures and chest injury.",
    ),
    (
        "early-mobilisation-e-learning",
        "Early mobilisation in critical care (e-learning)",
        ["physiotherapists", "critical-care-nurses", "intensivists"],
        "e_learning",
        "e-Learning for Healthcare",
        "3 hours, self-paced",
        3,
        "free",
        "",
        "open",
        [],
        "Safe early mobilisation of level 2 and level 3 patients, at your own pace.",
    ),
    (
        "spinal-cord-injury-rehabilitation",
        "Rehabilitation after spinal cord injury",
        ["physiotherapists", "occupational-therapists", "rehabilitation-coordinators"],
        "in_person",
        "Major Trauma Centre Therapies",
        "2 days",
        12,
        "paid",
        "£180 per place",
        "waiting-list",
        [(35, 9, 8, "Education Centre, Major Trauma Centre")],
        "Hands-on rehabilitation planning from the acute ward to the community.",
    ),
    (
        "major-trauma-rehabilitation-prescription",
        "Writing the rehabilitation prescription",
        ["physiotherapists", "occupational-therapists", "speech-and-language-therapists"],
        "hybrid",
        "Network Education Team",
        "1 day plus online pre-course work",
        6,
        "free",
        "",
        "open",
        [(63, 9, 7, "Trauma Unit seminar room, District General Hospital")],
        "Completing a rehabilitation prescription every patient can take home.",
    ),
    (
        "dysphagia-after-trauma",
        "Dysphagia after major trauma",
        ["speech-and-language-therapists"],
        "online",
        "Regional Speech and Language Therapy Network",
        "Half day",
        4,
        "free",
        "",
        "open",
        [(28, 9, 3.5, "Online (Zoom)")],
        "Assessing and managing swallowing after head, neck and tracheostomy injuries.",
    ),
    (
        "definitive-surgical-trauma-skills",
        "Definitive Surgical Trauma Skills",
        ["trauma-surgeons"],
        "in_person",
        "Royal College of Surgeons of England",
        "3 days",
        18,
        "paid",
        "£1,250 per place",
        "open",
        [(42, 8, 9, "Surgical Skills Centre, Leeds"), (140, 8, 9, "Surgical Skills Centre, Leeds")],
        "Damage control and definitive surgery for torso and vascular trauma.",
    ),
    (
        "trauma-team-leader",
        "Trauma team leader simulation day",
        ["emergency-physicians", "trauma-surgeons", "anaesthetists", "critical-care-nurses"],
        "in_person",
        "Major Trauma Centre Simulation Suite",
        "1 day",
        7,
        "free",
        "",
        "open",
        [(14, 8, 8, "Simulation Suite, Major Trauma Centre"), (77, 8, 8, "Simulation Suite")],
        "Leading a trauma call: human factors, communication and decision-making.",
    ),
    (
        "safe-transfer-of-the-critically-ill",
        "Safe transfer of the critically ill adult",
        [
            "critical-care-nurses",
            "intensivists",
            "anaesthetists",
            "paramedics",
            "emergency-physicians",
        ],
        "hybrid",
        "Adult Critical Care Network",
        "E-learning module plus 1 practical day",
        7,
        "free",
        "",
        "open",
        [(56, 9, 7, "Clinical Skills Lab, Trauma Unit")],
        "Planning and carrying out level 3 transfers between the network's units.",
    ),
    (
        "prehospital-trauma-triage",
        "Pre-hospital major trauma triage",
        ["paramedics"],
        "e_learning",
        "Regional Ambulance Service",
        "2 hours",
        2,
        "free",
        "",
        "closed",
        [],
        "Applying the network's major trauma triage tool at the roadside.",
    ),
]

# (code, title, domain, type, status, data source, frequency, target, review in days)
MEASURES = [
    (
        "MT-S01",
        "CT scan within 60 minutes of arrival for major trauma patients",
        "timeliness",
        "process",
        "adopted",
        "tarn",
        "quarterly",
        "90% of patients",
        180,
        "Patients with an Injury Severity Score over 15 who have a CT scan within 60 minutes.",
        "Patients with an Injury Severity Score over 15 who have a CT scan.",
    ),
    (
        "MT-S02",
        "Unplanned return to theatre within 48 hours",
        "safety",
        "outcome",
        "adopted",
        "tarn",
        "quarterly",
        "Below 3%",
        120,
        "Major trauma patients with an unplanned return to theatre within 48 hours.",
        "Major trauma patients who had surgery.",
    ),
    (
        "CC-S01",
        "Out-of-hours discharges from critical care to the ward",
        "safety",
        "process",
        "adopted",
        "icnarc",
        "quarterly",
        "Below 5% of discharges",
        -30,
        "Discharges from critical care to a ward between 22:00 and 06:59.",
        "All discharges from critical care to a ward.",
    ),
    (
        "CC-E01",
        "Risk-adjusted hospital mortality after critical care",
        "effectiveness",
        "outcome",
        "under-review",
        "icnarc",
        "annually",
        "Standardised mortality ratio within control limits",
        300,
        "Deaths before discharge from hospital.",
        "Admissions to adult critical care units.",
    ),
    (
        "MT-P01",
        "Rehabilitation prescription completed before discharge",
        "patient-experience",
        "process",
        "proposed",
        "local",
        "monthly",
        "95% of patients",
        90,
        "Patients discharged with a completed rehabilitation prescription.",
        "Major trauma patients discharged from the Major Trauma Centre.",
    ),
    (
        "CC-T01",
        "Delayed discharge from critical care over 4 hours",
        "timeliness",
        "outcome",
        "adopted",
        "icnarc",
        "quarterly",
        "Below 10% of discharges",
        200,
        "Discharges delayed more than 4 hours after the patient is ready.",
        "All discharges from critical care.",
    ),
    (
        "MT-S03",
        "Trauma team leader of consultant grade on arrival",
        "effectiveness",
        "structure",
        "retired",
        "tarn",
        "annually",
        "100% of trauma calls",
        -120,
        "Trauma calls led by a consultant within 5 minutes of arrival.",
        "Trauma calls for patients with an Injury Severity Score over 15.",
    ),
]

STAFF_GROUP_PAGES = [
    ("trauma-surgeons", "Trauma Surgeons", TRAUMA_SURGEONS_TEXT),
    (
        "physiotherapists",
        "Physiotherapists",
        "Physiotherapists support patients from the first days in critical care through "
        "rehabilitation after major trauma: respiratory care, early mobilisation and recovery.",
    ),
    (
        "occupational-therapists",
        "Occupational therapists",
        "Occupational therapists help patients return to daily life, work and independence "
        "after critical illness and major trauma.",
    ),
    (
        "speech-and-language-therapists",
        "Speech and language therapists",
        "Speech and language therapists assess and treat communication and swallowing "
        "difficulties after head and neck injury, tracheostomy and prolonged ventilation.",
    ),
    (
        "critical-care-nurses",
        "Critical care nurses",
        "Critical care nurses care for level 2 and level 3 patients in the network's units and "
        "accompany patients on transfers between them.",
    ),
]


def _at(days, hour, tz):
    day = working_day(timezone.localdate() + timedelta(days=days))
    whole = int(hour)
    return datetime.combine(day, time(whole, int((hour - whole) * 60)), tzinfo=tz)


def _ensure_training(demo, home):
    index = ensure_child(
        home,
        TrainingIndexPage,
        "training",
        title="Training & Education",
        show_in_menus=True,
        introduction=TRAINING_INTRODUCTION,
        listing_summary="Courses, study days and e-learning for each staff group on the pathway.",
    )
    tz = timezone.get_current_timezone()
    for (
        slug,
        title,
        groups,
        delivery_format,
        provider,
        duration,
        cpd,
        cost,
        price,
        status,
        sessions,
        summary,
    ) in COURSES:
        if index.get_children().filter(slug=slug).exists():
            continue
        course = TrainingCoursePage(
            slug=slug,
            title=title,
            summary=summary,
            delivery_format=delivery_format,
            provider=provider,
            duration=duration,
            cpd_points=cpd,
            cost=cost,
            price=price,
            status=status,
            accreditation="CPD accredited" if cpd else "",
            booking_url="https://example.nhs.uk/training/book",
            contact_name="Network education lead",
            contact_email="network.education@example.nhs.uk",
        )
        course.staff_groups = [demo.staff_groups[group] for group in groups]
        course.sessions = [
            TrainingSession(
                start=_at(days, hour, tz),
                end=_at(days, hour, tz) + timedelta(hours=hours),
                venue=venue,
            )
            for days, hour, hours, venue in sessions
        ]
        index.add_child(instance=course)
        course.save_revision().publish()
    return index


def _ensure_quality(home):
    index = ensure_child(
        home,
        QualityImprovementIndexPage,
        "quality-improvement",
        title="Quality Improvement",
        show_in_menus=True,
        introduction=QUALITY_INTRODUCTION,
        listing_summary="The measures the network uses to improve trauma and critical care.",
    )
    today = timezone.localdate()
    for (
        code,
        title,
        domain,
        measure_type,
        status,
        source,
        frequency,
        target,
        review_in,
        numerator,
        denominator,
    ) in MEASURES:
        if QualityMeasurePage.objects.filter(measure_code=code).exists():
            continue
        measure = QualityMeasurePage(
            slug=code.lower(),
            title=title,
            measure_code=code,
            domain=domain,
            measure_type=measure_type,
            status=status,
            data_source=source,
            reporting_frequency=frequency,
            target=target,
            rationale=f"{title} is a marker of the quality of care across the network.",
            numerator=numerator,
            denominator=denominator,
            exclusions="Patients transferred in from outside the network.",
            evidence=rich_text("National audit benchmarks and the network's peer review."),
            measure_owner="Network clinical governance group",
            last_reviewed=today - timedelta(days=365 - max(review_in, 0)),
            review_date=today + timedelta(days=review_in),
        )
        index.add_child(instance=measure)
        measure.save_revision().publish()
    return index


def _ensure_staff_group_pages(demo, section):
    pages = {}
    for slug, title, introduction in STAFF_GROUP_PAGES:
        pages[slug] = ensure_child(
            section,
            StaffGroupPage,
            slug,
            title=title,
            staff_group=demo.staff_groups[slug],
            introduction=introduction,
            listing_summary=introduction,
            contacts=[
                StaffGroupContact(
                    name=f"Network lead for {title.lower()}",
                    role="Network clinical lead",
                    email=f"{slug}.lead@example.nhs.uk",
                )
            ],
        )
    surgeons = pages["trauma-surgeons"]
    resources = ensure_child(
        surgeons,
        ContentPage,
        "surgical-resources",
        title="Surgical resources",
        introduction="Damage control protocols and on-call rotas for the network's surgeons.",
        body=[
            (
                "rich_text",
                rich_text(
                    "Members-only: the network's damage control surgery protocol and the "
                    "consultant on-call rota for the Major Trauma Centre."
                ),
            )
        ],
    )
    if not PageViewRestriction.objects.filter(page=resources).exists():
        restriction = PageViewRestriction.objects.create(
            page=resources, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(
            Group.objects.filter(
                name__in=[settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME]
            )
        )
    # Outsiders see that the surgeons have members' resources, in words meant for them.
    MembersOnlyTeaser.objects.get_or_create(
        page=resources,
        defaults={
            "title": "Resources for network surgeons",
            "line": "Protocols and rotas for trauma surgeons who are network members.",
        },
    )
    return pages


def load_sections(demo):
    home = demo.home
    training = _ensure_training(demo, home)
    quality = _ensure_quality(home)
    section = demo.pages.get("staff_groups") or home.get_children().get(slug="staff-groups")
    group_pages = _ensure_staff_group_pages(demo, section.specific)
    demo.pages["trauma_surgeons"] = group_pages["trauma-surgeons"]
    demo.pages.update(training=training, quality=quality)
    cards = home.section_cards
    next_order = cards.count()
    for page in (training, quality, group_pages["trauma-surgeons"]):
        if not cards.filter(target=page).exists():
            HomePageSectionCard.objects.create(page=home, target=page, sort_order=next_order)
            next_order += 1
