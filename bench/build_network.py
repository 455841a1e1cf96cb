"""Build the archive-sized network that `make bench` measures, on top of the demo network.

About 10,000 pages: 100 members-only sections (each with 20 pages), about 2,000
events (one in twenty a weekly series) from two years back to one year ahead,
500 courses with sessions, 200 quality measures and public archive sections
making up the rest. Run with the bench's environment (DATABASE_URL, settings):

    python bench/build_network.py --pages 10000

The network is built once per database: a later run finds the archive section
and the size it was built for, and reuses it. ``--pages 0`` builds only the
demo network (the "demo size" of the benchmark). Progress is shown as a bar.
"""

import argparse
import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import APIToken, Page, PageViewRestriction, Site  # noqa: E402

ARCHIVE_SLUG = "network-archive"
BUILD_VERSION = 1
MEMBER_USERNAME = "bench.member"

TOPICS = [
    "Major haemorrhage protocol",
    "Rib fracture pathway",
    "Spinal immobilisation",
    "Trauma team activation",
    "Critical care transfer",
    "Level 3 bed escalation",
    "Tracheostomy weaning",
    "Delirium screening",
    "Rehabilitation prescription",
    "Dysphagia assessment",
    "Early mobilisation",
    "Massive transfusion audit",
    "Head injury observations",
    "Pelvic binder use",
    "Organ donation referral",
    "Family liaison",
    "Pressure ulcer prevention",
    "Nutrition support",
    "Sepsis six",
    "Ventilator-associated pneumonia",
]
GROUPS = [
    "Trauma surgeons",
    "Emergency physicians",
    "Intensivists",
    "Anaesthetists",
    "Critical care nurses",
    "Trauma coordinators",
    "Physiotherapists",
    "Occupational therapists",
    "Speech and language therapists",
    "Dietitians",
]


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total, label):
        self.total, self.label, self.done = max(total, 1), label, 0
        self.started = time.monotonic()

    def step(self, count=1):
        self.done += count
        width = 30
        filled = int(width * self.done / self.total)
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed else 0
        sys.stderr.write(
            f"\r{self.label:10} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done:6d}/{self.total} pages  {rate:5.0f}/s"
        )
        sys.stderr.flush()

    def finish(self):
        sys.stderr.write("\n")


def archive_section():
    home = Site.objects.get(is_default_site=True).root_page
    return home.get_children().filter(slug=ARCHIVE_SLUG).first()


def built_size():
    section = archive_section()
    if section is None:
        return None
    try:
        return json.loads(section.search_description or "{}")
    except ValueError:
        return None


def weekday_on_or_after(moment):
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    return moment


def add_children(parent, children):
    """Insert ``children`` (unsaved specific pages) under ``parent`` in a few queries.

    The same rows Wagtail's ``add_child`` writes (tree path, URL path, live and
    published), without its per-page signals; the search index is rebuilt once
    afterwards. Returns the saved children.
    """
    from django.contrib.contenttypes.models import ContentType

    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    now = timezone.now()
    bases = []
    for offset, child in enumerate(children):
        child.depth = parent.depth + 1
        child.path = Page._get_path(parent.path, child.depth, first_step + offset)
        child.numchild = 0
        child.url_path = f"{parent.url_path}{child.slug}/"
        child.content_type = ContentType.objects.get_for_model(type(child))
        child.locale_id = parent.locale_id
        child.live = True
        child.has_unpublished_changes = False
        child.draft_title = child.title
        child.first_published_at = child.last_published_at = now
        bases.append(
            Page(
                **{
                    field.attname: getattr(child, field.attname)
                    for field in Page._meta.concrete_fields
                    if field.attname != "id"
                }
            )
        )
    Page.objects.bulk_create(bases)
    by_model = {}
    for base, child in zip(bases, children, strict=True):
        child.id = child.page_ptr_id = base.id
        child._state.adding, child._state.db = False, base._state.db
        by_model.setdefault(type(child), []).append(child)
    for model, rows in by_model.items():
        model._base_manager._insert(rows, fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(children))
    return children


def build(pages: int):
    from core.models import StaffGroup
    from events.models import EventCategory, EventIndexPage, EventPage
    from events.recurrence import Series
    from pages.models import (
        ContentPage,
        QualityImprovementIndexPage,
        QualityMeasurePage,
        SectionPage,
        TrainingCoursePage,
        TrainingIndexPage,
        TrainingSession,
    )

    home = Site.objects.get(is_default_site=True).root_page
    members = Group.objects.get(name=settings.MEMBERS_GROUP_NAME)
    events_index = EventIndexPage.objects.live().first()
    training_index = TrainingIndexPage.objects.live().first()
    quality_index = QualityImprovementIndexPage.objects.live().first()
    categories = list(EventCategory.objects.filter(locale=home.locale))
    staff_groups = list(StaffGroup.objects.filter(locale=home.locale))

    plan = {"restricted_sections": 100, "per_section": 20, "events": 2000, "courses": 500}
    plan["measures"] = 200
    fixed = plan["restricted_sections"] * (plan["per_section"] + 1) + plan["events"]
    fixed += plan["courses"] + plan["measures"] + 1
    public_total = max(pages - fixed - Page.objects.count(), 0)
    public_sections = max(public_total // 100, 1)
    per_public_section = max(public_total // public_sections - 1, 0)
    total = fixed + public_sections * (per_public_section + 1)
    progress = Progress(total, "building")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    with transaction.atomic():
        (archive,) = add_children(
            home,
            [
                SectionPage(
                    title="Network archive",
                    slug=ARCHIVE_SLUG,
                    introduction="Guidance, minutes and audit reports from the network's "
                    "first decade.",
                )
            ],
        )
        progress.step()

        sections = add_children(
            archive,
            [
                SectionPage(
                    title=f"{TOPICS[n % len(TOPICS)]}: {GROUPS[n % len(GROUPS)].lower()} "
                    f"working papers {2016 + n // 20}",
                    slug=f"working-papers-{n:03d}",
                    introduction="Working papers of the network's clinical groups, for members.",
                )
                for n in range(plan["restricted_sections"])
            ],
        )
        progress.step(len(sections))
        for number, section in enumerate(sections):
            topic = TOPICS[number % len(TOPICS)]
            group = GROUPS[number % len(GROUPS)]
            add_children(
                section,
                [
                    ContentPage(
                        title=f"{topic} draft {child + 1} ({group})",
                        slug=f"draft-{child + 1:02d}",
                        introduction=f"Members' draft of the {topic.lower()} guidance for "
                        f"{group.lower()}, for comment before the clinical governance group.",
                    )
                    for child in range(plan["per_section"])
                ],
            )
            progress.step(plan["per_section"])

        public = add_children(
            archive,
            [
                SectionPage(
                    title=f"{TOPICS[n % len(TOPICS)]} archive {2010 + n % 15} ({n + 1})",
                    slug=f"archive-{n:03d}",
                    introduction="Published guidance and audit reports on "
                    f"{TOPICS[n % len(TOPICS)].lower()}.",
                )
                for n in range(public_sections)
            ],
        )
        progress.step(len(public))
        for number, section in enumerate(public):
            topic = TOPICS[number % len(TOPICS)]
            add_children(
                section,
                [
                    ContentPage(
                        title=f"{topic}: report {child + 1} for "
                        f"{GROUPS[child % len(GROUPS)].lower()}",
                        slug=f"report-{child + 1:03d}",
                        introduction=f"The network's report on {topic.lower()} for "
                        f"{GROUPS[child % len(GROUPS)].lower()}, as presented to the "
                        "network board.",
                    )
                    for child in range(per_public_section)
                ],
            )
            progress.step(per_public_section)

        start_of_run = now - timedelta(days=730)
        events = []
        for number in range(plan["events"]):
            # Spread over three years: two back, one ahead; a weekly series one in twenty.
            start = weekday_on_or_after(start_of_run + timedelta(hours=13 * number))
            start = start.replace(hour=9 + number % 8)
            event = EventPage(
                title=f"{TOPICS[number % len(TOPICS)]} meeting {number + 1}",
                slug=f"archive-event-{number + 1:04d}",
                summary="A meeting of the network's clinicians.",
                start=start,
                end=start + timedelta(hours=2),
                venue="Network Office",
                address="Trust Headquarters\nLeeds LS1 4AP",
            )
            if number % 20 == 0:
                event.repeat, event.repeat_interval, event.repeat_count = "weekly", 1, 26
            series = Series.for_event(event, excluded=[])
            event.series_end = series.last_end() if series.repeats else event.end
            event.next_occurrence = series.next_after(timezone.now())
            events.append(event)
        for first in range(0, len(events), 500):
            add_children(events_index, events[first : first + 500])
            progress.step(len(events[first : first + 500]))
        if categories:
            EventPage.categories.through.objects.bulk_create(
                EventPage.categories.through(
                    eventpage_id=event.pk, eventcategory_id=categories[n % len(categories)].pk
                )
                for n, event in enumerate(events)
            )
        if staff_groups:
            EventPage.staff_groups.through.objects.bulk_create(
                EventPage.staff_groups.through(
                    eventpage_id=event.pk, staffgroup_id=staff_groups[n % len(staff_groups)].pk
                )
                for n, event in enumerate(events)
            )

        courses = add_children(
            training_index,
            [
                TrainingCoursePage(
                    title=f"{TOPICS[n % len(TOPICS)]} course {n + 1}",
                    slug=f"archive-course-{n + 1:03d}",
                    summary="A course for the trauma pathway.",
                    delivery_format=["in_person", "online", "e_learning", "hybrid"][n % 4],
                    provider="Network Education Team",
                    cost="free",
                    status="open",
                )
                for n in range(plan["courses"])
            ],
        )
        progress.step(len(courses))
        sessions = []
        for number, course in enumerate(courses):
            start = weekday_on_or_after(now + timedelta(days=3 * (number % 120) - 90))
            for k in range(1 + number % 3):
                begins = start + timedelta(days=7 * k)
                sessions.append(
                    TrainingSession(
                        page_id=course.pk,
                        start=begins,
                        end=begins + timedelta(hours=6),
                        venue="Online (Microsoft Teams)",
                        sort_order=k,
                    )
                )
        TrainingSession.objects.bulk_create(sessions)
        if staff_groups:
            TrainingCoursePage.staff_groups.through.objects.bulk_create(
                TrainingCoursePage.staff_groups.through(
                    trainingcoursepage_id=course.pk,
                    staffgroup_id=staff_groups[n % len(staff_groups)].pk,
                )
                for n, course in enumerate(courses)
            )

        measures = add_children(
            quality_index,
            [
                QualityMeasurePage(
                    title=f"{TOPICS[n % len(TOPICS)]} measure {n + 1}",
                    slug=f"arc-{n + 1:03d}",
                    measure_code=f"ARC-{n + 1:03d}",
                    domain="safety",
                    measure_type="process",
                    rationale="Why it matters to patients on the trauma pathway.",
                    numerator="Patients who received the intervention.",
                    denominator="All eligible patients.",
                    data_source="tarn",
                    reporting_frequency="quarterly",
                    status="adopted",
                    measure_owner="Clinical governance group",
                    review_date=(now + timedelta(days=90 + n)).date(),
                )
                for n in range(plan["measures"])
            ],
        )
        progress.step(len(measures))

        for section in sections:
            restriction = PageViewRestriction.objects.create(
                page=section, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set([members])
        marker = {"pages": pages, "version": BUILD_VERSION, "total_pages": Page.objects.count()}
        Page.objects.filter(pk=archive.pk).update(search_description=json.dumps(marker))
    progress.finish()
    sys.stderr.write("search index: rebuilding (once)\n")
    with open(os.devnull, "w") as quiet:
        call_command("update_index", stdout=quiet)


def ensure_member():
    """The bench's member: a session-less account with an API token and a personal feed."""
    from events.models import PersonalFeedToken

    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=MEMBER_USERNAME, defaults={"email": "bench.member@example.nhs.uk"}
    )
    user.groups.add(Group.objects.get(name=settings.MEMBERS_GROUP_NAME))
    APIToken.objects.filter(user=user).delete()
    _, api_token = APIToken.create_token(user=user, name="Benchmark")
    feed, _ = PersonalFeedToken.objects.get_or_create(user=user)
    return {"api_token": api_token, "feed_token": feed.token}


def discover(host):
    """Point the site at ``host`` and name the URLs the benchmark measures."""
    from django.conf import settings as django_settings
    from django.contrib.staticfiles.storage import staticfiles_storage

    from core.models import StaffGroup
    from events.models import EventIndexPage, EventPage
    from pages.models import ContentPage, TrainingIndexPage

    hostname, port = host.rsplit(":", 1)
    Site.objects.filter(is_default_site=True).update(hostname=hostname, port=int(port))
    public = ContentPage.objects.live().public().filter(depth=3).order_by("path").first()
    events = EventIndexPage.objects.live().first()
    training = TrainingIndexPage.objects.live().first()
    group = StaffGroup.objects.order_by("pk").first()
    today = timezone.localdate()
    manifest = json.loads((Path(django_settings.STATIC_ROOT) / "staticfiles.json").read_text())[
        "paths"
    ]
    css = sorted(name for name in manifest if name.endswith(".css"))[0]
    return {
        "content_path": public.url_path[len(public.get_site().root_page.url_path) - 1 :],
        "api_detail_path": f"/api/v2/pages/{public.pk}/",
        "api_type_path": "/api/v2/pages/?type=events.EventPage&fields=*",
        "events_path": events.url_path[len(events.get_site().root_page.url_path) - 1 :],
        "month_path": events.url_path[len(events.get_site().root_page.url_path) - 1 :]
        + f"calendar/{today.year}/{today.month:02d}/",
        "training_path": training.url_path[len(training.get_site().root_page.url_path) - 1 :]
        + f"?staff_group={group.slug}&format=in_person",
        "static_path": staticfiles_storage.url(css),
        "restricted_sections": PageViewRestriction.objects.count(),
        "event_pages": EventPage.objects.count(),
    }


def analyse():
    """Refresh PostgreSQL's statistics of the project's tables, as autovacuum does on a
    running site: a freshly loaded archive would otherwise be planned as if empty."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--json", help="write the bench member's tokens and URLs here")
    parser.add_argument("--host", default="127.0.0.1:18210", help="host:port the site answers")
    args = parser.parse_args()

    with open(os.devnull, "w") as quiet:
        call_command("load_demo_network", stdout=quiet)  # completes the demo; idempotent
    built = built_size()
    if built is not None and "pages" not in built:
        sys.stderr.write("removing an unfinished build\n")
        archive_section().delete()
        built = None
    if args.pages and built is None:
        build(args.pages)
    elif args.pages and built.get("pages") != args.pages:
        raise SystemExit(
            f"This database holds a network built for {built.get('pages')} pages; "
            "use another database (DATABASE_URL) or drop this one."
        )
    analyse()
    tokens = ensure_member()
    tokens["pages"] = Page.objects.count()
    tokens.update(discover(args.host))
    tokens["personal_feed_path"] = f"/feeds/personal/{tokens['feed_token']}.ics"
    if args.json:
        Path(args.json).write_text(json.dumps(tokens))
    print(f"{tokens['pages']} pages", file=sys.stderr)


if __name__ == "__main__":
    main()
