from django.urls import path

from . import views

app_name = "datapool"
urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/errors.<str:kind>", views.error_report, name="error_report"),
    path("quality/", views.dataset_quality, name="quality"),
]
