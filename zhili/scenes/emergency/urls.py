from django.urls import path

from . import views

app_name = "emergency"
urlpatterns = [
    path("", views.call, name="call"),
    path("calls/<int:pk>/", views.call_status, name="call_status"),
    path("calls/<int:pk>/events/", views.call_events, name="call_events"),
    path("calls/<int:pk>/poll/", views.call_poll, name="call_poll"),
    path("console/", views.console, name="console"),
    path("console/events/<str:code>/", views.centre_events, name="centre_events"),
    path("console/calls/<int:pk>/", views.console_call, name="console_call"),
    path("console/calls/<int:pk>/triage/", views.console_triage, name="console_triage"),
    path("console/calls/<int:pk>/locate/", views.console_locate, name="console_locate"),
    path("console/calls/<int:pk>/cell/", views.console_cell, name="console_cell"),
    path("console/calls/<int:pk>/dispatch/", views.console_dispatch, name="console_dispatch"),
    path("console/terminals/", views.terminals, name="terminals"),
    path("console/terminals/<int:pk>/revoke/", views.terminal_revoke, name="terminal_revoke"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("crew/", views.crew, name="crew"),
    path("crew/returned/", views.crew_returned, name="crew_returned"),
    path("runs/<int:pk>/advance/", views.crew_advance, name="crew_advance"),
    path("runs/<int:pk>/vitals/", views.crew_vitals, name="crew_vitals"),
    path("runs/<int:pk>/hospital/", views.crew_hospital, name="crew_hospital"),
    path("runs/<int:pk>/position/", views.crew_position, name="crew_position"),
    path("hospital/", views.hospital, name="hospital"),
    path("hospital/events/", views.hospital_events, name="hospital_events"),
    path("hospital/runs/<int:pk>/hand-over/", views.hospital_hand_over, name="hospital_hand_over"),
    path("aeds/", views.aed_map, name="aed_map"),
    path("volunteer/join/", views.volunteer_join, name="volunteer_join"),
    path("volunteer/leave/", views.volunteer_leave, name="volunteer_leave"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/map/", views.live_map, name="live_map"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
