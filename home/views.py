from django.shortcuts import render
from django.views.defaults import page_not_found as django_page_not_found


def page_not_found(request, exception):
    return django_page_not_found(request, exception, template_name="404.html")


def server_error(request):
    # Rendered without a RequestContext lookup of the database: the fault that got
    # us here may be the database itself.
    return render(request, "500.html", status=500, context={"main_navigation": []})
