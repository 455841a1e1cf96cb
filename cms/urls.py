from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.views import api_router
from cms import health, two_factor
from home.views import switch_language
from membership.urls import localized_urlpatterns as membership_urls
from search import views as search_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/2fa/setup/", two_factor.setup, name="two_factor_setup"),
    path("admin/2fa/verify/", two_factor.verify, name="two_factor_verify"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("api/v2/", api_router.urls),
    path("", include("membership.urls")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    path("", include("events.urls")),
    path("group-membership/", include("groups.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: document files (members-only ones among them) are served by the
    # documents' own view, which asks the access rule, never straight from media.
    for folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=f"{settings.MEDIA_ROOT}/{folder}"
        )

# Page URLs carry the language prefix for every language but the default (/cy/...).
# Search, log in and the membership pages answer in the reader's language too
# (/cy/search/, /cy/accounts/login/).
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include(membership_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Under the API's addresses errors answer JSON (api/errors.py); elsewhere Django's pages.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"
