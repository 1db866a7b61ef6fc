"""E-signature pages and endpoints, mounted at ``/esign/``: TSA, CRLs, the root certificate, verification, evidence reports."""

from django.urls import path

from . import views

app_name = "esign"

urlpatterns = [
    path("tsa", views.tsa, name="tsa"),
    path("crl/<str:scope>.crl", views.crl, name="crl"),
    path("root.pem", views.root_certificate, name="root"),
    path("chain.pem", views.chain, name="chain"),
    path("verify/", views.verify_upload, name="verify"),
    path("evidence/<str:subject_type>/<str:subject_id>/", views.evidence_export, name="evidence"),
]
