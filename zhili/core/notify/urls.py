from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
]
