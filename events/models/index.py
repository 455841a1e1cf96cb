from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from core.mixins import BreadcrumbMixin, HeadlessPreviewMixin
from events import serve


class EventIndexPage(HeadlessPreviewMixin, RoutablePageMixin, BreadcrumbMixin, Page):
    """The Network Calendar: upcoming and past events, a month grid and iCal feeds."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = "event index page"

    # Routes hand over to events.serve; events.views (the feeds) does not import it.

    @path("")
    def upcoming(self, request):
        return serve.occurrence_list(request, self, past=False)

    @path("past/")
    def past(self, request):
        return serve.occurrence_list(request, self, past=True)

    @path("calendar/")
    def this_month(self, request):
        return serve.this_month(request, self)

    @re_path(r"^calendar/(?P<year>\d{4})/(?P<month>\d{1,2})/$")
    def month(self, request, year, month):
        return serve.month(request, self, int(year), int(month))

    @path("calendar/my-feed/")
    def my_feed(self, request):
        return serve.my_feed(request, self)
