"""Links follow the server you run: `make run PORT=...` and the demo Site agree."""

import subprocess
from pathlib import Path

from wagtail.models import Site

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make_variable(*args):
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607
            "make",
            "-s",
            "--no-print-directory",
            *args,
            "--eval",
            "show: ; @echo $$WAGTAILADMIN_BASE_URL",
            "show",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return result.stdout.strip()


def test_make_run_sets_the_public_address_from_host_and_port(monkeypatch):
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    assert make_variable() == "http://127.0.0.1:8000"
    assert make_variable("PORT=18100") == "http://127.0.0.1:18100"
    assert make_variable("HOST=0.0.0.0", "PORT=18101") == "http://0.0.0.0:18101"
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://network.example.nhs.uk")
    assert make_variable("PORT=18100") == "https://network.example.nhs.uk"


@pytest.mark.django_db
def test_demo_site_and_api_links_follow_the_public_address(client, settings):
    from demo.home import ensure_home_page

    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = "http://127.0.0.1:18100"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    home = ensure_home_page()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 18100)
    item = client.get(f"/api/v2/pages/{home.pk}/", HTTP_HOST="127.0.0.1:18100").json()
    assert item["meta"]["html_url"] == "http://127.0.0.1:18100/"
    assert item["meta"]["detail_url"].startswith("http://127.0.0.1:18100/api/v2/pages/")
