"""Demo guidelines: a dozen of the network's controlled documents, each with a small
generated PDF; one out for consultation and members-only, one overdue for review,
one superseded by its newer version, and one kept in two published versions."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from core.demo import ensure_child
from guidelines.models import GuidelineIndexPage, GuidelinePage
from guidelines.vocabulary import DocumentType, GuidelineStatus, Pathway
from home.models import HomePageSectionCard

COLLECTION = "Guidelines and policies"
CCG = "Network Clinical Governance Group"
MTB = "Major Trauma Network Board"
CCB = "Critical Care Network Board"
REHAB = "Rehabilitation Working Group"


def guideline_pdf(reference: str, title: str, version: str, sections: list[tuple[str, str]]):
    """A small, real PDF of a controlled document (fpdf2), as bytes."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(f"{reference} {title}")
    pdf.set_author(settings.WAGTAIL_SITE_NAME)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, f"{reference} {title}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        6,
        f"Version {version}. Controlled document: check the website for the current version.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for heading, text in sections:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# reference, title, type, pathway, staff groups, version, status, owner role, owner
# email, approving group, approved on, review due, summary, sections of the PDF
GUIDELINES = [
    (
        "CC-G-012",
        "Transfer of the critically ill adult",
        DocumentType.GUIDELINE,
        Pathway.ADULT_CRITICAL_CARE,
        ["critical-care-nurses", "paramedics"],
        (3, 0),
        GuidelineStatus.APPROVED,
        "Lead nurse for critical care transfers",
        "transfer.lead@example.nhs.uk",
        CCG,
        date(2025, 3, 12),
        date(2028, 3, 13),
        "How the network's units decide on, prepare for and carry out the transfer of a "
        "critically ill adult between hospitals, including the checklist, the escort and "
        "the equipment.",
        [
            (
                "Purpose",
                "Every inter-hospital transfer of a level 2 or level 3 patient follows "
                "one standard so that patients are as safe on the move as in the unit.",
            ),
            (
                "Decision to transfer",
                "The decision is made consultant to consultant and "
                "recorded, with the reason: clinical (specialist care), capacity or repatriation.",
            ),
            (
                "Preparation",
                "Use the network transfer checklist. Secure the airway before "
                "departure; a ventilated patient travels with a competent airway practitioner "
                "and a critical care nurse trained in transfer.",
            ),
            (
                "Audit",
                "Each transfer is logged on the network transfer form and reviewed "
                "quarterly against ICNARC data.",
            ),
        ],
    ),
    (
        "MT-G-001",
        "Major trauma triage tool (pre-hospital)",
        DocumentType.PATHWAY,
        Pathway.MAJOR_TRAUMA,
        ["paramedics", "emergency-physicians"],
        (4, 1),
        GuidelineStatus.APPROVED,
        "Pre-hospital lead, major trauma",
        "prehospital.lead@example.nhs.uk",
        MTB,
        date(2025, 6, 18),
        date(2027, 2, 10),
        "The triage tool ambulance clinicians use to decide whether an injured adult goes "
        "straight to the Major Trauma Centre or to the nearest Trauma Unit.",
        [
            (
                "Physiology",
                "Any adult with a GCS below 14, systolic pressure below 90 mmHg or "
                "respiratory rate outside 10 to 29 goes to the Major Trauma Centre if it is "
                "within 45 minutes.",
            ),
            (
                "Anatomy",
                "Penetrating injury to the head, neck, torso or proximal limbs, flail "
                "chest, two or more proximal long-bone fractures, or a crushed, degloved or "
                "pulseless limb are major trauma triggers.",
            ),
            ("Pre-alert", "Pre-alert the receiving trauma team with an ATMIST handover."),
        ],
    ),
    (
        "MT-P-004",
        "Massive haemorrhage protocol",
        DocumentType.POLICY,
        Pathway.MAJOR_TRAUMA,
        ["emergency-physicians", "trauma-surgeons"],
        (2, 3),
        GuidelineStatus.SUPERSEDED,
        "Consultant haematologist, transfusion lead",
        "transfusion.lead@example.nhs.uk",
        MTB,
        date(2023, 5, 10),
        None,
        "The network's former protocol for activating and running a massive haemorrhage "
        "response in adults. Replaced by MT-P-011.",
        [
            ("Activation", "Call 2222 and state 'major haemorrhage' with the location."),
            ("Blood products", "Pack 1: four units of red cells and four of plasma."),
        ],
    ),
    (
        "MT-P-011",
        "Massive haemorrhage and major transfusion protocol",
        DocumentType.POLICY,
        Pathway.BOTH,
        ["emergency-physicians", "trauma-surgeons", "critical-care-nurses"],
        (1, 0),
        GuidelineStatus.APPROVED,
        "Consultant haematologist, transfusion lead",
        "transfusion.lead@example.nhs.uk",
        MTB,
        date(2026, 4, 15),
        date(2029, 4, 16),
        "How to recognise, activate and run the response to major haemorrhage in adults, "
        "with tranexamic acid, balanced blood products and point-of-care testing.",
        [
            (
                "Recognition",
                "Suspect major haemorrhage when bleeding leads to a systolic "
                "pressure below 90 mmHg or a heart rate above 110, or the clinician predicts it.",
            ),
            (
                "Activation",
                "Call 2222, say 'major haemorrhage protocol' and the location; "
                "give tranexamic acid 1 g within three hours of injury.",
            ),
            (
                "Products",
                "Give red cells and plasma in a 1:1 ratio and guide further "
                "products by viscoelastic testing.",
            ),
        ],
    ),
    (
        "MT-G-007",
        "Analgesia for adults with rib fractures",
        DocumentType.GUIDELINE,
        Pathway.MAJOR_TRAUMA,
        ["trauma-surgeons", "physiotherapists", "critical-care-nurses"],
        (2, 0),
        GuidelineStatus.APPROVED,
        "Consultant anaesthetist, acute pain service",
        "acute.pain@example.nhs.uk",
        CCG,
        date(2024, 6, 12),
        date(2026, 9, 30),
        "Pain relief, breathing support and escalation for adults with rib fractures, "
        "including when to offer a regional block and when to involve critical care.",
        [
            (
                "Assessment",
                "Score every patient with rib fractures on admission; three or "
                "more fractures, age over 65 or a falling SpO2 need a senior review.",
            ),
            (
                "Analgesia",
                "Give regular paracetamol and an opioid as needed; offer an "
                "erector spinae or serratus anterior block when pain limits coughing.",
            ),
            ("Physiotherapy", "Start chest physiotherapy and incentive spirometry on day one."),
        ],
    ),
    (
        "CC-G-015",
        "Tracheostomy care and emergencies",
        DocumentType.GUIDELINE,
        Pathway.ADULT_CRITICAL_CARE,
        ["critical-care-nurses", "physiotherapists", "speech-and-language-therapists"],
        (2, 1),
        GuidelineStatus.APPROVED,
        "Consultant intensivist, airway lead",
        "airway.lead@example.nhs.uk",
        CCG,
        date(2025, 11, 5),
        date(2028, 11, 6),
        "Daily care of adults with a tracheostomy in critical care and on the wards, and "
        "the bedside algorithm for a blocked or displaced tube.",
        [
            (
                "Bedhead sign",
                "Every patient has a bedhead sign saying whether the upper "
                "airway is patent and the size of the tube.",
            ),
            (
                "Emergencies",
                "Call for airway help, apply oxygen to face and stoma, and "
                "follow the National Tracheostomy Safety Project algorithm.",
            ),
            (
                "Swallowing",
                "Speech and language therapists assess swallowing before oral "
                "intake after decannulation.",
            ),
        ],
    ),
    (
        "MT-PW-009",
        "Rehabilitation prescription after major trauma",
        DocumentType.PATHWAY,
        Pathway.MAJOR_TRAUMA,
        [
            "rehabilitation-coordinators",
            "physiotherapists",
            "occupational-therapists",
            "speech-and-language-therapists",
        ],
        (3, 0),
        GuidelineStatus.APPROVED,
        "Network rehabilitation lead",
        "rehab.lead@example.nhs.uk",
        REHAB,
        date(2025, 9, 17),
        date(2028, 9, 18),
        "Who writes the rehabilitation prescription, what it contains and how it follows "
        "the patient from the Major Trauma Centre to local services.",
        [
            (
                "Who",
                "Every major trauma patient with rehabilitation needs has a "
                "rehabilitation prescription within 48 hours of admission.",
            ),
            (
                "Content",
                "Physical, functional, cognitive and psychosocial needs, and the "
                "goals agreed with the patient.",
            ),
            (
                "Handover",
                "The prescription goes with the patient on transfer and to the GP "
                "on discharge; TARN records its completion.",
            ),
        ],
    ),
    (
        "CC-P-003",
        "Escalation and surge: critical care mutual aid",
        DocumentType.POLICY,
        Pathway.ADULT_CRITICAL_CARE,
        ["critical-care-nurses"],
        (1, 2),
        GuidelineStatus.APPROVED,
        "Network manager",
        "network.manager@example.nhs.uk",
        CCB,
        date(2025, 1, 22),
        date(2027, 7, 22),
        "How the network's units escalate when demand exceeds their staffed beds, and how "
        "they ask for and give mutual aid, from business as usual to surge level 4.",
        [
            (
                "Levels",
                "Units report their escalation level twice daily; level 3 and above "
                "triggers a network call chaired by the on-call lead.",
            ),
            (
                "Mutual aid",
                "Capacity transfers go first to the nearest unit with staffed "
                "beds; no unit refuses a request without escalating to its medical director.",
            ),
        ],
    ),
    (
        "CC-S-021",
        "Critical care capacity reporting",
        DocumentType.SOP,
        Pathway.ADULT_CRITICAL_CARE,
        ["critical-care-nurses"],
        (1, 0),
        GuidelineStatus.APPROVED,
        "Network data and audit lead",
        "network.data@example.nhs.uk",
        CCB,
        date(2026, 2, 4),
        date(2027, 8, 4),
        "The standard operating procedure for reporting staffed, occupied and available "
        "level 2 and level 3 beds to the network capacity dashboard by 10:00 and 16:00.",
        [
            (
                "When",
                "Each unit submits at 10:00 and 16:00 every day, and whenever its "
                "escalation level changes.",
            ),
            (
                "What",
                "Staffed beds, occupied beds, patients awaiting transfer, and planned "
                "admissions in the next 12 hours.",
            ),
        ],
    ),
    (
        "CC-G-024",
        "Delirium prevention and management in adult critical care",
        DocumentType.GUIDELINE,
        Pathway.ADULT_CRITICAL_CARE,
        ["critical-care-nurses", "occupational-therapists"],
        (1, 0),
        GuidelineStatus.CONSULTATION,
        "Consultant nurse, critical care",
        "consultant.nurse@example.nhs.uk",
        CCG,
        None,
        None,
        "A draft for consultation: screening with CAM-ICU, non-drug prevention and the "
        "cautious use of antipsychotics. Comments close on 15 January 2027.",
        [
            ("Screening", "Screen every patient with CAM-ICU at least once per shift."),
            (
                "Prevention",
                "Reorientation, sleep hygiene, early mobilisation and family "
                "involvement come before any drug.",
            ),
        ],
    ),
    (
        "MT-PI-002",
        "Leaving the Major Trauma Centre: information for patients and families",
        DocumentType.PATIENT_INFORMATION,
        Pathway.MAJOR_TRAUMA,
        ["rehabilitation-coordinators"],
        (1, 1),
        GuidelineStatus.APPROVED,
        "Major trauma patient experience lead",
        "patient.experience@example.nhs.uk",
        REHAB,
        date(2025, 10, 8),
        date(2027, 10, 8),
        "A leaflet for patients and families on moving from the Major Trauma Centre to a "
        "local hospital or home, and who to contact afterwards.",
        [
            (
                "Why you are moving",
                "Once you no longer need specialist trauma care, you "
                "continue your recovery closer to home.",
            ),
            (
                "Your rehabilitation prescription",
                "You will receive a copy. Bring it to every appointment.",
            ),
        ],
    ),
    (
        "MT-S-005",
        "Trauma team activation and pre-alert",
        DocumentType.SOP,
        Pathway.MAJOR_TRAUMA,
        ["emergency-physicians", "paramedics", "trauma-surgeons"],
        (2, 0),
        GuidelineStatus.APPROVED,
        "Consultant in emergency medicine, trauma lead",
        "trauma.lead@example.nhs.uk",
        MTB,
        date(2025, 5, 14),
        date(2028, 5, 15),
        "When and how the emergency department activates the trauma team after a "
        "pre-alert, and who attends.",
        [
            (
                "Activation",
                "Activate the trauma team for every pre-alert meeting the triage "
                "tool's physiology or anatomy criteria.",
            ),
            (
                "Attendance",
                "Team leader, anaesthetist, ODP, surgeon, two nurses and a "
                "radiographer are in the resuscitation room before the patient arrives.",
            ),
        ],
    ),
]

# The transfer guideline's previous version, published first and kept at v2.0/.
TRANSFER_V2 = {
    "version": (2, 0),
    "approved_on": date(2022, 3, 9),
    "review_due": date(2025, 3, 10),
    "summary": "How the network's units transfer critically ill adults between hospitals.",
}


def guidelines_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION).first()
    return collection or root.add_child(name=COLLECTION)


def ensure_document(collection, reference, title, version, sections):
    Document = get_document_model()
    name = f"{reference} {title} v{version}"
    document = Document.objects.filter(title=name).first()
    if document is None:
        document = Document(title=name, collection=collection)
        document.file.save(
            f"{reference.lower()}-v{version}.pdf",
            ContentFile(guideline_pdf(reference, title, version, sections)),
        )
    return document


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def load(demo):
    home = demo.home
    index = ensure_child(
        home,
        GuidelineIndexPage,
        "guidelines",
        title="Guidelines & policies",
        introduction=(
            "The network's current clinical guidelines, pathways, policies, standard "
            "operating procedures and patient information, with their status and review "
            "dates. Search by reference or by any words in the documents."
        ),
        listing_summary="The current version of every network guideline, pathway and policy.",
    )
    demo.pages["guidelines"] = index
    cards = HomePageSectionCard.objects.filter(page=home)
    if not cards.filter(target=index).exists():
        HomePageSectionCard.objects.create(
            page=home,
            target=index,
            heading="Guidelines & policies",
            summary="Find the current network guideline, pathway or policy and its review date.",
            sort_order=cards.count(),
        )
    if index.get_children().exists():
        return
    collection = guidelines_collection()
    groups = getattr(demo, "staff_groups", {})
    pages = {}
    for (
        reference,
        title,
        document_type,
        pathway,
        group_slugs,
        (major, minor),
        status,
        owner_role,
        owner_email,
        approving_group,
        approved_on,
        review_due,
        summary,
        sections,
    ) in GUIDELINES:
        first_version = (major, minor)
        first_status = status
        first_dates = (approved_on, review_due)
        first_summary = summary
        if reference == "CC-G-012":
            first_version = TRANSFER_V2["version"]
            first_dates = (TRANSFER_V2["approved_on"], TRANSFER_V2["review_due"])
            first_summary = TRANSFER_V2["summary"]
        if status == GuidelineStatus.SUPERSEDED:
            first_status = GuidelineStatus.APPROVED
            first_dates = (approved_on, date(2026, 5, 11))
        version = f"{first_version[0]}.{first_version[1]}"
        page = GuidelinePage(
            title=title,
            slug=reference.lower(),
            reference=reference,
            document_type=document_type,
            pathway=pathway,
            version_major=first_version[0],
            version_minor=first_version[1],
            status=first_status,
            owner_role=owner_role,
            owner_email=owner_email,
            approving_group=approving_group,
            approved_on=first_dates[0],
            review_due=first_dates[1],
            summary=first_summary,
            document=ensure_document(collection, reference, title, version, sections),
        )
        index.add_child(instance=page)
        page.staff_groups.set([groups[slug] for slug in group_slugs if slug in groups])
        page.save_revision().publish()
        pages[reference] = page

    # The transfer guideline's current version 3.0 replaces 2.0, which stays at v2.0/.
    transfer = GuidelinePage.objects.get(pk=pages["CC-G-012"].pk)
    spec = next(item for item in GUIDELINES if item[0] == "CC-G-012")
    publish(
        transfer,
        version_major=3,
        version_minor=0,
        approved_on=spec[10],
        review_due=spec[11],
        summary=spec[12],
        document=ensure_document(collection, "CC-G-012", spec[1], "3.0", spec[13]),
    )
    # The newer major haemorrhage protocol names the old one it supersedes: publishing
    # it (approved) publishes the old one as superseded, linked both ways.
    newer = GuidelinePage.objects.get(pk=pages["MT-P-011"].pk)
    publish(newer, supersedes=GuidelinePage.objects.get(pk=pages["MT-P-004"].pk))
    for reference, related in [
        ("CC-G-012", ["CC-P-003", "CC-S-021"]),
        ("MT-G-001", ["MT-S-005", "MT-P-011"]),
        ("MT-G-007", ["CC-G-015"]),
        ("MT-PW-009", ["MT-PI-002"]),
    ]:
        page = GuidelinePage.objects.get(pk=pages[reference].pk)
        page.related.set([pages[other] for other in related])
        page.save_revision().publish()

    # The consultation draft is for members only.
    draft = pages["CC-G-024"]
    restriction = PageViewRestriction.objects.create(
        page=draft, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(
        Group.objects.filter(
            name__in=[settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME]
        )
    )
