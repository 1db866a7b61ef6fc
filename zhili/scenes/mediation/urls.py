from django.urls import path

from . import views

app_name = "mediation"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("apply/", views.apply, name="apply"),
    path("cases/", views.mediation_list, name="mediation_list"),
    path("inbox/", views.inbox, name="inbox"),
    path("mediators/", views.mediators, name="mediators"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/invitation/", views.invitation, name="invitation"),
    path("<int:pk>/do/<str:action>/", views.act, name="act"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/dossier.pdf", views.dossier, name="dossier"),
    path("<int:pk>/application/<str:kind>.pdf", views.application_form, name="application_form"),
    path("<int:pk>/room/", views.room, name="room"),
    path("<int:pk>/room/<str:session>/", views.room, name="room_session"),
    path("<int:pk>/room/<str:session>/events", views.room_events, name="room_events"),
    path("<int:pk>/room/<str:session>/poll", views.room_poll, name="room_poll"),
    path("<int:pk>/room/<str:session>/post", views.room_post, name="room_post"),
    path("<int:pk>/room/<str:session>/upload", views.room_upload, name="room_upload"),
    path("<int:pk>/room/<str:session>/transcribe", views.room_transcribe, name="room_transcribe"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
