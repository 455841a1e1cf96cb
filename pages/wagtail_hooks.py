from wagtail import hooks
from wagtail.admin.ui.components import Component

from pages.quality import overdue_measures


class OverdueMeasuresPanel(Component):
    """On the admin dashboard: quality measures whose review date has passed."""

    name = "overdue_quality_measures"
    order = 150
    template_name = "pages/admin/overdue_measures_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["measures"] = list(overdue_measures())
        return context


@hooks.register("construct_homepage_panels")
def add_overdue_measures_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(OverdueMeasuresPanel())
