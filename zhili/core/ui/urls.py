from django.urls import path

from . import views

app_name = "help"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.app_help, name="app"),
]
