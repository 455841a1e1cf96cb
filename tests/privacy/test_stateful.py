"""Members-only stays members-only, whatever editors do, in whatever order.

A Hypothesis state machine plays an editor: it creates pages, training courses,
guidelines (with their controlled documents) and network group meetings, gives
members-only pages teasers for outsiders, publishes and unpublishes them, translates
them into Welsh, makes aliases and copies, moves them, restricts them to the members'
group or to signed-in users, lifts restrictions, links to them from public pages
(cards and rich text), all with a webhook endpoint registered that is not allowed
members-only content.

After every step the invariant is checked on every surface: no marker of a page hidden
from an anonymous visitor or a signed-in non-member reaches them through page HTML,
the sitemap, search, the calendar list, the iCal feed, API listings and details, or a
webhook payload; and a member still reads every page hidden from the others. Which
pages are hidden is worked out here independently of ``core.access``, from the tree,
the restriction rows, translations and aliases (the policy in docs/privacy.md).

``make test`` runs a bounded, seeded number of steps (the "ci" Hypothesis profile is
derandomized); ``make privacy-long`` runs at least 2,000 (``PRIVACY_EXAMPLES`` x
``PRIVACY_STEPS``).
"""

import itertools
import json
import os
from datetime import timedelta

from django.db import transaction
from django.test import Client
from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.rich_text import RichText

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from api.models import WebhookDelivery, WebhookEndpoint
from core.access import source_language_code
from core.models import MembersOnlyTeaser
from groups.models import NetworkGroupIndexPage
from guidelines.models import GuidelineIndexPage
from tests.events.factories import EventIndexPageFactory
from tests.factories import ContentPageFactory, SectionPageFactory
from tests.groups.conftest import add, make_group, make_meeting
from tests.guidelines.conftest import make_document, make_guideline
from tests.pages.factories import TrainingCoursePageFactory, TrainingIndexPageFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("PRIVACY_EXAMPLES", "2"))
STEPS = int(os.environ.get("PRIVACY_STEPS", "6"))  # per run, the site's build included
# ``make privacy-long`` asks for at least this many editor actions in all.
MIN_ACTIONS = int(os.environ.get("PRIVACY_MIN_ACTIONS", "0"))
# Runs of the machine and steps checked, for the summary the test prints.
counted = {"runs": 0, "checked": 0}
_numbers = itertools.count(1)


def _marker():
    """A word found nowhere else: ``Zq`` + letters (search splits on digits)."""
    n = next(_numbers)
    letters = ""
    while True:
        n, rest = divmod(n, 26)
        letters += chr(ord("a") + rest)
        if n == 0:
            break
    return f"Zq{letters}marker"


def _passes(restriction, user) -> bool:
    if user is None:
        return False
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return True
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return user.is_superuser or bool(
            set(restriction.groups.values_list("pk", flat=True))
            & set(user.groups.values_list("pk", flat=True))
        )
    return False


def hidden_pages(user) -> set[int]:
    """The policy, worked out from scratch: ids of pages kept from ``user``."""
    pages = {page.pk: page for page in Page.objects.all()}
    restricted = {}
    for restriction in PageViewRestriction.objects.all():
        restricted.setdefault(restriction.page_id, []).append(restriction)

    def shut(page):
        for other in pages.values():
            if page.path.startswith(other.path) and any(
                not _passes(r, user) for r in restricted.get(other.pk, [])
            ):
                return True
        return False

    source_code = source_language_code()
    sources = {
        page.translation_key: page
        for page in Page.objects.filter(locale__language_code=source_code)
    }

    def hidden(page, depth=0):
        # Three hops down a chain of aliases is further than the rule follows.
        if depth >= 3 or shut(page):
            return True
        source = sources.get(page.translation_key)
        if source is not None and source.pk != page.pk and shut(source):
            return True
        if page.alias_of_id:
            return hidden(pages[page.alias_of_id], depth + 1)
        return False

    return {pk for pk, page in pages.items() if hidden(page)}


class EditorMachine(RuleBasedStateMachine):
    pages = Bundle("pages")

    def __init__(self):
        super().__init__()
        # Each run of the machine is rolled back at its end; on-commit work (webhooks)
        # runs as it would after a commit (the commit_hooks_run_on_commit fixture).
        self._atomic = transaction.atomic()
        self._atomic._from_testcase = True
        self._atomic.__enter__()
        self.markers: dict[int, str] = {}
        self.seen_deliveries = 0
        self.secret_before: set[str] = set()

    @initialize(target=pages)
    def build_the_site(self):
        counted["runs"] += 1
        from django.contrib.auth.models import Group

        from tests.factories import UserFactory

        self.home = Page.objects.get(slug="test-home").specific
        self.welsh = Locale.objects.get_or_create(language_code="cy")[0]
        welsh_home = self.home.copy_for_translation(self.welsh)
        welsh_home.save_revision().publish()
        EventIndexPageFactory(parent=self.home)
        self.training = TrainingIndexPageFactory(parent=self.home)
        self.guidelines = add(self.home, GuidelineIndexPage(title="Guidelines", slug="guidelines"))
        groups = add(self.home, NetworkGroupIndexPage(title="Network groups", slug="groups"))
        self.group = make_group(groups)
        self.kept = {self.training.pk, self.guidelines.pk, groups.pk, self.group.pk}
        members = Group.objects.get(name="Network members")
        self.members_group = members
        self.member = UserFactory()
        self.member.groups.add(members)
        self.outsider = UserFactory()
        self.endpoint = WebhookEndpoint.objects.create(
            name="Regional portal",
            url="http://127.0.0.1:9/hooks",
            events=[
                "page.published",
                "page.unpublished",
                "page.moved",
                "page.deleted",
                "page.privacy_changed",
            ],
        )
        self.seen_deliveries = 0
        return self._content(self.home)

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- editor actions -------------------------------------------------------------

    def _content(self, parent, kind="content"):
        marker = _marker()
        n = next(_numbers)
        now = timezone.now()
        if kind == "guideline":
            page = make_guideline(
                self.guidelines,
                reference=f"ZZ-G-{n:04d}",
                title=f"Guideline {marker}",
                summary=f"Summary {marker}",
                document=make_document(f"Document {marker}"),
            )
        elif kind == "meeting":
            # The meeting is public; its papers are the group's, with words of their own.
            papers_marker = _marker()
            page, papers = make_meeting(
                self.group,
                f"Meeting {marker}",
                # The meeting's slug is its date: one meeting a day.
                (now + timedelta(days=5 + n % 300)).replace(microsecond=0),
                minutes=f"Minutes {papers_marker}",
            )
            self.markers[papers.pk] = papers_marker
        elif kind == "course":
            page = TrainingCoursePageFactory(
                parent=self.training,
                title=f"Course {marker}",
                slug=f"c{n}",
                summary=f"Summary {marker}",
                sessions=[(now + timedelta(days=5), now + timedelta(days=5, hours=2), marker)],
            )
        else:
            page = ContentPageFactory(
                parent=parent, title=f"Page {marker}", slug=f"p{n}", introduction=marker
            )
        self.markers[page.pk] = marker
        return page

    def _fresh(self, page):
        return Page.objects.filter(pk=page.pk).first()

    @rule(
        target=pages,
        parent=pages,
        kind=st.sampled_from(["content", "section", "course", "guideline", "meeting"]),
    )
    def create(self, parent, kind):
        parent = self._fresh(parent)
        if parent is None:
            return self._content(self.home)
        if kind == "section":
            marker = _marker()
            page = SectionPageFactory(
                parent=parent, title=f"Section {marker}", slug=f"s{next(_numbers)}"
            )
            self.markers[page.pk] = marker
            return page
        return self._content(parent, kind)

    @rule(page=pages)
    def publish(self, page):
        page = self._fresh(page)
        if page is not None and page.alias_of_id is None:  # an alias follows its original
            page.specific.save_revision().publish()

    @rule(page=pages)
    def unpublish(self, page):
        page = self._fresh(page)
        if page is not None and page.live and page.depth > 2:
            page.specific.unpublish()

    @rule(target=pages, page=pages)
    def translate(self, page):
        page = self._fresh(page)
        if page is None or page.locale_id == self.welsh.pk or page.alias_of_id:
            return page or self.home
        if page.get_translations().filter(locale=self.welsh).exists():
            return page
        translation = page.specific.copy_for_translation(self.welsh, copy_parents=True)
        translation.save_revision().publish()
        self.markers[translation.pk] = self.markers.get(page.pk, "")
        return translation

    @rule(target=pages, page=pages, parent=pages)
    def alias(self, page, parent):
        page, parent = self._fresh(page), self._fresh(parent)
        if page is None or parent is None or page.depth <= 2 or parent.is_descendant_of(page):
            return self.home
        if parent.pk == page.pk or parent.locale_id != page.locale_id:
            return self.home
        alias = page.specific.create_alias(parent=parent, update_slug=f"a{next(_numbers)}")
        self.markers[alias.pk] = self.markers.get(page.pk, "")
        return alias

    @rule(target=pages, page=pages, parent=pages)
    def copy(self, page, parent):
        page, parent = self._fresh(page), self._fresh(parent)
        if page is None or parent is None or page.depth <= 2 or page.alias_of_id:
            return self.home
        if page.specific_class.__name__ != "ContentPage":
            return self.home
        if parent.locale_id != page.locale_id or parent.is_descendant_of(page):
            return self.home
        # A copy is a new page with its own words; it keeps the original's own
        # restrictions where its new parent has none (Wagtail's copy).
        marker = _marker()
        copy = page.specific.copy(
            to=parent,
            update_attrs={
                "slug": f"k{next(_numbers)}",
                "title": f"Copy {marker}",
                **({"introduction": marker} if hasattr(page.specific, "introduction") else {}),
                **({"summary": marker} if hasattr(page.specific, "summary") else {}),
            },
            keep_live=False,
            copy_revisions=False,
        )
        self.markers[copy.pk] = marker
        return copy

    @rule(page=pages, parent=pages)
    def move(self, page, parent):
        page, parent = self._fresh(page), self._fresh(parent)
        if page is None or parent is None or page.depth <= 2 or page.pk == parent.pk:
            return
        if parent.is_descendant_of(page) or parent.locale_id != page.locale_id:
            return
        if parent.get_children().filter(slug=page.slug).exists():
            return
        page.specific.move(parent, pos="last-child")

    @rule(page=pages, kind=st.sampled_from(["groups", "login"]))
    def restrict(self, page, kind):
        page = self._fresh(page)
        if page is None or page.depth <= 2:
            return
        # As the admin's privacy dialog does, in one request's transaction: the page's
        # restriction is updated in place (or created), then its groups are set.
        with transaction.atomic():
            restriction = PageViewRestriction.objects.filter(page=page).first()
            restriction = restriction or PageViewRestriction(page=page)
            restriction.restriction_type = kind
            restriction.save()
            restriction.groups.set([self.members_group] if kind == "groups" else [])
            PageViewRestriction.objects.filter(page=page).exclude(pk=restriction.pk).delete()

    @rule(page=pages)
    def unrestrict(self, page):
        page = self._fresh(page)
        if page is not None:
            for restriction in PageViewRestriction.objects.filter(page=page):
                restriction.delete()

    @rule(source=pages, linked=pages)
    def link(self, source, linked):
        # (Not "target": Hypothesis reserves it for the bundle a rule's result joins.)
        source, linked = self._fresh(source), self._fresh(linked)
        if source is None or linked is None or source.specific_class.__name__ != "ContentPage":
            return
        if source.alias_of_id:  # an alias has no body of its own to edit
            return
        source = source.specific
        source.body = [
            (
                "rich_text",
                RichText(f'<p>See <a linktype="page" id="{linked.pk}">the related page</a>.</p>'),
            ),
            (
                "card_group",
                {
                    "cards": [
                        {
                            "heading": "Related",
                            "body": "",
                            "internal_page": linked,
                            "url": "",
                        }
                    ]
                },
            ),
        ]
        source.save_revision().publish()

    @rule(page=pages)
    def delete(self, page):
        page = self._fresh(page)
        if page is not None and page.depth > 2 and page.pk not in self.kept:
            page.delete()

    @rule(page=pages)
    def tease(self, page):
        """The editor gives the page a teaser for outsiders (their words, no marker)."""
        page = self._fresh(page)
        if page is not None and page.depth > 2:
            MembersOnlyTeaser.objects.update_or_create(
                page=page, defaults={"title": "For network members", "line": "Sign in to read."}
            )

    # --- the invariant --------------------------------------------------------------

    def _secret_markers(self, user) -> set[str]:
        hidden = hidden_pages(user)
        live = dict(Page.objects.values_list("pk", "live"))
        visible_markers = {
            marker
            for pk, marker in self.markers.items()
            if pk in live and pk not in hidden and live[pk]
        }
        return {
            marker
            for pk, marker in self.markers.items()
            if pk in hidden and marker and marker not in visible_markers
        }

    def _surfaces(self, client, details=True):
        urls = ["/sitemap.xml", "/events/", "/feeds/calendar.ics", "/training/"]
        urls += ["/api/v2/pages/?limit=100&fields=*", "/cy/", "/"]
        for page in Page.objects.filter(depth__gt=1).live():
            url = page.url
            if url:
                urls.append(url)
            if details:
                urls.append(f"/api/v2/pages/{page.pk}/")
        for url in urls:
            response = client.get(url, follow=False)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            yield url, body.decode(errors="replace")

    @invariant()
    def nothing_members_only_reaches_outsiders(self):
        if not hasattr(self, "member"):
            return
        anonymous = Client()
        outsider = Client()
        outsider.force_login(self.outsider)
        for client, user in ((anonymous, None), (outsider, self.outsider)):
            secret = self._secret_markers(user)
            if not secret:
                continue
            for url, body in self._surfaces(client, details=user is None):
                leaked = [marker for marker in secret if marker in body]
                assert not leaked, (user, url, leaked)
            for marker in list(secret)[:2]:
                body = client.get(f"/search/?q={marker}").content.decode()
                assert "0 results for" in body, (user, "search", marker)
                # What the visitor typed is echoed back (in the heading, the links that
                # narrow the search and the language switcher's way back to this search);
                # nothing else may carry the marker.
                echoes = (f"?q={marker}", f"%3Fq%3D{marker}", f"&lsquo;{marker}&rsquo;")
                for echo in (*echoes, f'value="{marker}"'):
                    body = body.replace(echo, "")
                body = body.split("</title>", 1)[-1]
                assert marker not in body, (user, "search", marker)

    @invariant()
    def webhooks_tell_a_public_endpoint_nothing_secret(self):
        if not hasattr(self, "endpoint"):
            return
        counted["checked"] += 1
        secret = self._secret_markers(None)
        deliveries = WebhookDelivery.objects.filter(endpoint=self.endpoint).order_by("pk")
        for delivery in deliveries[self.seen_deliveries :]:
            payload = json.dumps(delivery.payload)
            # A deleted page is judged as it was when it was deleted: announcing the
            # deletion of a public page tells nothing secret, even when a members-only
            # translation that outlives it carries the same words.
            kept = self.secret_before if delivery.event == "page.deleted" else secret
            leaked = [marker for marker in kept if marker in payload]
            assert not leaked, (delivery.event, delivery.payload)
            if delivery.payload["members_only"]:
                assert set(delivery.payload["page"]) == {"id"}, delivery.payload
        self.seen_deliveries = deliveries.count()
        self.secret_before = secret

    @invariant()
    def members_still_read_what_is_theirs(self):
        if not hasattr(self, "member"):
            return
        hidden_from_member = hidden_pages(self.member)
        hidden_from_anonymous = hidden_pages(None)
        member = Client()
        member.force_login(self.member)
        for page in Page.objects.filter(pk__in=hidden_from_anonymous - hidden_from_member).live():
            if page.alias_of_id is None and page.pk in self.markers and page.url:
                response = member.get(f"/api/v2/pages/{page.pk}/")
                assert response.status_code == 200, (page, response.status_code)


def test_members_only_stays_members_only(home_page, commit_hooks_run_on_commit, settings, capsys):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    # Hypothesis ends some runs early (its first, simplest example among them), so a
    # long run goes on until it has taken the editor actions it asked for.
    actions = 0
    while True:
        run_state_machine_as_test(
            EditorMachine,
            settings=hypothesis_settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
        actions = counted["checked"] - counted["runs"]
        if actions >= MIN_ACTIONS:
            break
    with capsys.disabled():
        print(  # noqa: T201 - the long run's evidence, shown with pytest -q
            f"\nprivacy state machine: {counted['runs']} runs, {actions} editor actions, "
            "each followed by the check of every surface"
        )
