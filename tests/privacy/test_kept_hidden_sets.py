"""Hidden sets kept per content version (``core.access._kept_hidden_set``).

The access rule works out the pages hidden by a set of shut-out paths once per
content version and process, and then answers from memory and with one query
parameter. These tests show that every editor action that can move a page in or out
of a hidden set makes the kept set unreachable, that a transaction's uncommitted
reads are never kept, and that a version lost while Redis was unreachable is
replaced when Redis is back.

Each action is checked against the policy worked out from scratch in Python
(``tests.privacy.test_stateful.hidden_pages``), with the kept set in use.
"""

import io
import json
import signal
import time

from django.contrib.auth.models import AnonymousUser
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from core import access
from core.access import can_view_page, clear_members_only, make_members_only, visible_pages
from core.cache import bump_content_version, content_version
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory
from tests.privacy.test_stateful import hidden_pages
from tests.resilience.services import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(home_page, members_group, office_group, commit_hooks_run_on_commit):
    """A public section and a members-only section, each with a page, outside any
    open transaction of the code (on-commit work runs at once, as after a commit)."""
    public = SectionPageFactory(parent=home_page, title="Public", slug="public")
    members = SectionPageFactory(parent=home_page, title="Members", slug="members")
    restrict_to_members(members, members_group, office_group)
    return {
        "home": home_page,
        "public": public,
        "members": members,
        "public_page": ContentPageFactory(parent=public, title="Transfer policy"),
        "members_page": ContentPageFactory(parent=members, title="Escalation cascade"),
    }


def hidden_by_the_rule(user) -> set[int]:
    every = set(Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    return every - set(visible_pages(user).values_list("pk", flat=True)) - not_live()


def not_live() -> set[int]:
    return set(Page.objects.filter(live=False).values_list("pk", flat=True))


def assert_rule_matches_policy(user=None):
    """The rule, answered from a kept set, equals the policy worked out from scratch."""
    expected = {pk for pk in hidden_pages(user) if pk not in not_live()}
    expected &= set(Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    assert hidden_by_the_rule(user or AnonymousUser()) == expected
    assert access._kept, "the rule answered from a kept hidden set"


def statements(action) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        action()
    return [query["sql"] for query in captured.captured_queries]


def test_a_kept_set_answers_page_checks_without_working_it_out_again(network):
    anonymous = AnonymousUser()
    assert not can_view_page(anonymous, network["members_page"])
    # The same reader: answered from memory. A new one: its restriction rows only.
    assert statements(lambda: can_view_page(anonymous, network["members_page"])) == []
    another = statements(lambda: can_view_page(AnonymousUser(), network["members_page"]))
    assert len(another) == 1 and "pageviewrestriction" in another[0], another
    listing = statements(lambda: list(visible_pages(anonymous)))
    assert not any("RECURSIVE" in sql for sql in listing), listing


def _move_public_page_into_members(net):
    net["public_page"].move(net["members"], pos="last-child")


def _move_members_page_out(net):
    net["members_page"].move(net["public"], pos="last-child")


def _restrict_public_section(net):
    make_members_only(net["public"])


def _unrestrict_members_section(net):
    clear_members_only(net["members"])


def _login_restriction_on_public_page(net):
    PageViewRestriction.objects.create(
        page=net["public_page"], restriction_type=PageViewRestriction.LOGIN
    )


def _new_page_under_members(net):
    ContentPageFactory(parent=net["members"], title="Rota")


def _alias_of_members_page_in_public(net):
    net["members_page"].create_alias(parent=net["public"], update_slug="cascade-alias")


def _copy_members_page_to_public(net):
    net["members_page"].copy(to=net["public"], update_attrs={"slug": "cascade-copy"})


def _translate_members_page(net):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    welsh_home = net["home"].copy_for_translation(welsh)
    welsh_home.save_revision().publish()
    welsh_members = net["members"].copy_for_translation(welsh)
    welsh_members.save_revision().publish()
    # Moved under a public page: the source language still decides.
    welsh_members.move(welsh_home, pos="last-child")


def _groups_of_restriction_changed(net):
    restriction = PageViewRestriction.objects.get(page=net["members"])
    restriction.groups.clear()


def _members_section_deleted(net):
    net["members"].delete()


@pytest.mark.parametrize("rolled_back", [_move_members_page_out, _unrestrict_members_section])
def test_a_transaction_that_changed_content_keeps_nothing(network, rolled_back):
    """A change rolled back leaves no kept set behind (each check is a new request's
    reader: a reader's restriction rows are read once per request)."""
    members_page = network["members_page"]
    assert not can_view_page(AnonymousUser(), members_page)

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        rolled_back(network)
        members_page.refresh_from_db()
        assert can_view_page(AnonymousUser(), members_page), "it sees its own change"
        raise RolledBack
    members_page.refresh_from_db()
    assert not can_view_page(AnonymousUser(), members_page)
    assert_rule_matches_policy()


ACTIONS = [
    _move_public_page_into_members,
    _move_members_page_out,
    _restrict_public_section,
    _unrestrict_members_section,
    _login_restriction_on_public_page,
    _new_page_under_members,
    _alias_of_members_page_in_public,
    _copy_members_page_to_public,
    _translate_members_page,
    _groups_of_restriction_changed,
    _members_section_deleted,
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__.strip("_"))
def test_every_change_that_moves_a_page_in_or_out_makes_the_kept_set_unreachable(
    network, member, outsider, action
):
    for user in (None, outsider, member):
        assert_rule_matches_policy(user)
    before = content_version()["token"]
    action(network)
    assert content_version()["token"] != before
    for user in (None, outsider, member):
        assert_rule_matches_policy(user)


def test_a_kept_set_lives_no_longer_than_its_bound(network, monkeypatch):
    """Even a set whose version change was lost is worked out again within the bound."""
    anonymous = AnonymousUser()
    public_page = network["public_page"]
    assert can_view_page(anonymous, public_page)
    [(key, kept)] = access._kept.items()
    _move_public_page_into_members(network)
    # As if the move's new version had never reached the shared cache.
    lost = (*key[:2], content_version()["token"], *key[3:])
    monkeypatch.setattr(access, "_kept", {lost: kept})
    assert can_view_page(anonymous, public_page), "the set is kept within the bound"
    monkeypatch.setattr(time, "monotonic", lambda: kept.built + access.HIDDEN_SET_SECONDS + 1)
    assert not can_view_page(anonymous, public_page), "and worked out again after it"


def test_a_version_lost_while_redis_hung_is_replaced_when_redis_is_back(settings, db):
    """A bump that failed while Redis did not answer is made again on its return."""
    with RedisServer() as server:
        settings.CACHES = {
            alias: {
                "BACKEND": "cms.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "KEY_PREFIX": f"kept-{alias}",
                "OPTIONS": {
                    "socket_connect_timeout": 0.3,
                    "socket_timeout": 0.3,
                    "RETRY_AFTER": 0.2,
                },
            }
            for alias in ("default", "ratelimit")
        }
        before = content_version()["token"]
        server.process.send_signal(signal.SIGSTOP)  # Redis keeps its data, answers nothing
        try:
            bump_content_version()  # lost
        finally:
            server.process.send_signal(signal.SIGCONT)
        time.sleep(0.3)
        # The first call that reaches Redis again finds the outage over, bumps, and
        # reads the new version.
        assert content_version()["token"] != before


def _fresh(user):
    """The same account as a new request would load it (no paths read yet)."""
    return type(user).objects.get(pk=user.pk)


def test_a_tree_repair_that_renumbers_paths_makes_the_kept_sets_unreachable(
    home_page, members_group, office_group, member, office_user, commit_hooks_run_on_commit
):
    """``fixtree --full`` closes the gap a deleted page left with an UPDATE of paths: a
    path that named one restricted section then names another. No set kept for the
    old meaning of that path may answer for the new one."""
    gone = SectionPageFactory(parent=home_page, title="Archive", slug="archive")
    members = SectionPageFactory(parent=home_page, title="Members", slug="members")
    office = SectionPageFactory(parent=home_page, title="Network office", slug="office")
    restrict_to_members(members, members_group)
    restrict_to_members(office, office_group)
    office_page = ContentPageFactory(parent=office, title="Rota of the office")
    gone.delete()
    members.refresh_from_db()
    assert not can_view_page(_fresh(member), office_page)
    assert can_view_page(_fresh(office_user), office_page)  # kept under the members' path

    call_command("fixtree", full=True, interactive=False, stdout=io.StringIO())

    office.refresh_from_db()
    assert office.path == members.path, "the office section now has the path members had"
    assert not can_view_page(_fresh(member), office_page)
    assert office_page.pk not in set(visible_pages(_fresh(member)).values_list("pk", flat=True))
    assert_rule_matches_policy(member)


def test_pages_loaded_from_a_fixture_make_the_kept_sets_unreachable(network, tmp_path):
    """``loaddata`` saves rows without signals' usual ``raw=False``: a public page made
    an alias of a members-only page that way is hidden at once."""
    public_page, members_page = network["public_page"], network["members_page"]
    assert can_view_page(AnonymousUser(), public_page)
    rows = json.loads(serializers.serialize("json", [Page.objects.get(pk=public_page.pk)]))
    rows[0]["fields"]["alias_of"] = members_page.pk
    fixture = tmp_path / "alias.json"
    fixture.write_text(json.dumps(rows))

    call_command("loaddata", str(fixture), verbosity=0)

    assert not can_view_page(AnonymousUser(), public_page)
    assert_rule_matches_policy()
