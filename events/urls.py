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
    path("feeds/events/<int:page_id>.ics", views.event_ics, name="event_ics"),
]
