from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("code/<str:token>", views.scan, name="scan"),
    path("<str:system_code>/<str:entity_key>/code.svg", views.entity_code, name="entity_code"),
    path("<str:system_code>/<str:entity_key>/", views.entity_history, name="entity_history"),
]
