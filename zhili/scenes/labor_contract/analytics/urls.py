from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("data.json", views.data, name="data"),
    path("export/<slug:code>.xlsx", views.export, name="export"),
]
