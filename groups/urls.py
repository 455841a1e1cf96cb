from django.urls import path

from groups import views

app_name = "groups"
urlpatterns = [
    path("<int:page_id>/join/", views.join, name="join"),
    path("<int:page_id>/leave/", views.leave, name="leave"),
]
