from django.urls import path

from . import views

app_name = "notify"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", views.message_read, name="message_read"),
    path("inbox/read-all/", views.messages_read_all, name="messages_read_all"),
    path("outbox/", views.outbox, name="outbox"),
    path("s/<str:token>", views.short_link, name="short_link"),
    path("s/<str:token>/qr.png", views.short_link_qr, {"fmt": "png"}, name="short_link_qr_png"),
    path("s/<str:token>/qr.svg", views.short_link_qr, {"fmt": "svg"}, name="short_link_qr_svg"),
]
