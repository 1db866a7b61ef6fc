from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("", views.grant_list, name="grants"),
    path("grants/new/<str:document_type>/<str:document_id>/", views.grant_create, name="grant_create"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("access-log/", views.access_log, name="access_log"),
]
