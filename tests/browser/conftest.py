"""End-to-end tests in Debian's Chromium, driven by Playwright (never a downloaded browser)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        # Under CI a missing browser is a failure, not a quiet skip.
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (apt-get install chromium); CI needs it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must allow ORM calls beside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def migration_data(transactional_db, settings):
    """What migrations create, back again if an earlier transactional test flushed it."""
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        Page.add_root(title="Root", slug="root", locale=locale)
    for name in (settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME):
        Group.objects.get_or_create(name=name)
