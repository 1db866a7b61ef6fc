from django.urls import path

from . import views

app_name = "ledger"
urlpatterns = [
    path("public-key", views.public_key, name="public_key"),
    path("checkpoint", views.checkpoint, name="checkpoint"),
]
