from datetime import timedelta

from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.contrib.search_promotions.models import Query

POPULAR_DAYS = 30


class PopularSearchesPanel(Component):
    """The dashboard's most frequent site searches of the last 30 days (Wagtail's query log)."""

    name = "popular_searches"
    order = 400
    template_name = "search/admin/popular_searches_panel.html"

    def get_context_data(self, parent_context=None):
        since = timezone.localdate() - timedelta(days=POPULAR_DAYS)
        return {
            "queries": [
                {"text": query.query_string, "hits": query._hits}
                for query in Query.get_most_popular(date_since=since)[:10]
            ],
            "days": POPULAR_DAYS,
        }


@hooks.register("construct_homepage_panels")
def add_popular_searches(request, panels):
    panels.append(PopularSearchesPanel())
