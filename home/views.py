from django.http import HttpResponseServerError
from django.template.loader import render_to_string
from django.views.defaults import page_not_found as django_page_not_found


def page_not_found(request, exception):
    return django_page_not_found(request, exception, template_name="404.html")


def server_error(request):
    # Rendered without the request context: the fault that brought us here may be the
    # database, which the context processors would touch.
    return HttpResponseServerError(render_to_string("500.html"))
