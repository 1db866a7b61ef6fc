from django.urls import path

from . import views

app_name = "small_matters"
urlpatterns = [
    path("", views.home, name="home"),
    path("matters/<slug:code>/", views.matter_detail, name="matter_detail"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/detect/", views.claim_detect, name="claim_detect"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/confirm/", views.claim_confirm, name="claim_confirm"),
    path("claims/<int:pk>/dispute/", views.claim_dispute, name="claim_dispute"),
    path("claims/<int:pk>/decide/", views.claim_decide, name="claim_decide"),
    path("rate/<str:kind>/<int:pk>/", views.rate, name="rate"),
    path("residence/", views.residence, name="residence"),
    path("residence/queue/", views.residence_queue, name="residence_queue"),
    path("residence/<int:pk>/", views.residence_detail, name="residence_detail"),
    path("residence/<int:pk>/decide/", views.residence_decide, name="residence_decide"),
    path("dogs/", views.dogs, name="dogs"),
    path("dogs/queue/", views.dog_queue, name="dog_queue"),
    path("dogs/<int:pk>/", views.dog_detail, name="dog_detail"),
    path("dogs/<int:pk>/review/", views.dog_review, name="dog_review"),
    path("dogs/visit/<str:token>/", views.dog_visit, name="dog_visit"),
    path("findings/", views.findings, name="findings"),
    path("findings/<int:pk>/", views.finding_detail, name="finding_detail"),
    path("photo/", views.photo, name="photo"),
    path("photo/image/", views.photo_image, name="photo_image"),
    path("photo/<str:kind>/<int:pk>/", views.certificate_photo, name="certificate_photo"),
    path("invoice/", views.invoice_check, name="invoice_check"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
