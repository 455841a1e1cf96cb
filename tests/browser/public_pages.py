"""Every public template of the demo network, as the accessibility test and
`make screenshots` visit them: (name, path). Paths follow the demo loader."""

from django.utils import timezone


def public_pages():
    today = timezone.localdate()
    return [
        ("home", "/"),
        ("section", "/staff-groups/"),
        ("content", "/about/"),
        ("staff-group", "/staff-groups/trauma-surgeons/"),
        ("training-filtered", "/training/?staff_group=physiotherapists"),
        ("course", "/training/chest-trauma-physiotherapy-webinar/"),
        ("quality-list", "/quality-improvement/"),
        ("quality-measure", "/quality-improvement/mt-s01/"),
        ("calendar-month", f"/events/calendar/{today.year}/{today.month:02d}/"),
        ("calendar-list", "/events/"),
        ("event", "/events/trauma-study-day/"),
        ("search-results", "/search/?q=trauma"),
        ("search-no-results", "/search/?q=xylophone"),
        ("request-form-errors", "/request-membership/"),  # sent empty: see submit_empty
        ("log-in", "/accounts/login/"),
        ("members-only-prompt", "/members/network-handbook/"),
        ("not-found", "/no-such-page/"),
        ("welsh-home", "/cy/"),
        ("accessibility-statement", "/accessibility-statement/"),
    ]


# Widths the network's readers use: a desktop and a phone.
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


def open_page(page, base_url, name, path):
    """Go to the page; the request form is sent empty, to show its errors."""
    page.goto(base_url + path)
    if name == "request-form-errors":
        page.get_by_role("button", name="Send request").click()
        page.wait_for_load_state()
