from django.contrib.auth import views as auth_views
from django.urls import include, path

from membership import views
from membership.sitemap import sitemap, sitemap_index

auth_urls = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

membership_urls = [
    path("verify/<str:token>/", views.verify, name="verify"),
    path("api/requests/", views.submit_json, name="submit_json"),
    path("my-membership/", views.my_membership, name="my_membership"),
    path("my-membership/data.json", views.download_my_data, name="download_my_data"),
    path("my-membership/leave/", views.leave, name="leave"),
]

# Included from cms/urls.py outside the app namespace, so that Django's auth views find
# their URL names. The pages a reader reads (log in, password reset, My membership,
# verification) sit under each language's prefix: /accounts/login/ in English,
# /cy/accounts/login/ in Welsh, as Django's LocaleMiddleware reads an unprefixed
# address as English.
localized_urlpatterns = [
    path("accounts/", include(auth_urls)),
    path("membership/", include((membership_urls, "membership"))),
]

# At the site root, in no language: the sitemap index and its sections.
urlpatterns = [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap, name="sitemap_section"),
]
