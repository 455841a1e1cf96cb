"""Demo membership: the request page (the Register-here target), the members-only
documents collection, a demo member and a request awaiting review."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from core.demo import ensure_child
from membership.models import MembershipRequest, MembershipRequestPage

MEMBERS_DOCUMENTS = "Members' documents"
DEMO_MEMBER = "demo.member@example.nhs.uk"
DEMO_APPLICANT = "sam.applicant@example.nhs.uk"


def load(demo):
    home = demo.home
    page = ensure_child(
        home,
        MembershipRequestPage,
        "request-membership",
        title="Request membership",
        introduction=(
            "<p>This website is designed for specialist professional use. Members read "
            "the network's specialist resources, members-only events and documents. Tell us "
            "who you are and why you need access; the network office reviews every "
            "request.</p>"
        ),
        privacy_notice=demo.pages.get("about"),
    )
    if home.membership_page_id != page.pk:
        home.membership_page = page
        home.save_revision().publish()
    demo.pages["request_membership"] = page

    member_groups = Group.objects.filter(
        name__in=[settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME]
    )
    collection = ensure_members_collection(member_groups)
    Document = get_document_model()
    document = Document.objects.filter(collection=collection).order_by("pk").first()
    if document is None:
        document = Document(title="Critical care escalation cascade", collection=collection)
        document.file.save(
            "escalation-cascade.txt",
            ContentFile(
                b"Members only: escalation cascade and on-call contacts of the network's "
                b"critical care units.\n"
            ),
        )
    link_from_handbook(demo, document)

    User = get_user_model()
    member = User.objects.filter(username=DEMO_MEMBER).first()
    if member is None:
        password = secrets.token_urlsafe(12)
        member = User.objects.create_user(
            DEMO_MEMBER, DEMO_MEMBER, password, first_name="Demo", last_name="Member"
        )
        member.groups.add(Group.objects.get(name=settings.MEMBERS_GROUP_NAME))
        demo.stdout.write(f"Log in at /accounts/login/ as '{DEMO_MEMBER}', password: {password}")

    staff_group = next(iter(getattr(demo, "staff_groups", {}).values()), None)
    if not MembershipRequest.objects.filter(email=DEMO_APPLICANT).exists():
        from django.utils import timezone

        MembershipRequest.objects.create(
            full_name="Sam Applicant",
            email=DEMO_APPLICANT,
            job_title="Critical care outreach nurse",
            organisation="Leeds Teaching Hospitals NHS Trust",
            staff_group=staff_group,
            registration_body=MembershipRequest.RegistrationBody.NMC,
            registration_number="12A3456B",
            access_reason="I coordinate transfers between our units and need the escalation "
            "cascade.",
            consented_at=timezone.now(),
            verified_at=timezone.now(),
            status=MembershipRequest.Status.AWAITING_REVIEW,
        )


def link_from_handbook(demo, document):
    """The members' handbook links to the members-only escalation cascade."""
    members = demo.pages.get("members")
    handbook = members and members.get_children().filter(slug="network-handbook").first()
    if handbook is None:
        return
    handbook = handbook.specific
    if any(block.block_type == "document" for block in handbook.body):
        return
    handbook.body.append(("heading", {"text": "Escalation cascade", "level": "h2"}))
    handbook.body.append(("document", {"document": document, "label": ""}))
    handbook.save_revision().publish()


def ensure_members_collection(groups):
    """The members-only collection: documents in it are served only to members."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=MEMBERS_DOCUMENTS).first()
    if collection is None:
        collection = root.add_child(name=MEMBERS_DOCUMENTS)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(groups)
    return collection
