"""Calendar feeds: plain Django URLs, since page paths cannot end in ".ics"."""

from django.urls import path, re_path

from events import views

app_name = "events"

urlpatterns = [
    path("feeds/calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("feeds/category/<slug:category>.ics", views.category_feed, name="category_feed"),
    re_path(
        r"^feeds/personal/(?P<token>[A-Za-z0-9_-]{20,100})\.ics$",
        views.personal_feed,
        name="personal_feed",
    ),
    # At most 18 digits: any page id fits, and no number overflows the database's integers.
    re_path(r"^feeds/events/(?P<page_id>[0-9]{1,18})\.ics$", views.event_ics, name="event_ics"),
]
