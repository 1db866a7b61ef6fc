from django.urls import path

from . import views

app_name = "deputy_duty"
urlpatterns = [
    path("", views.home, name="home"),
    path("s/<str:code>/", views.station_entry, name="station_entry"),
    path("s/<str:code>/qr.svg", views.station_qr, name="station_qr"),
    path("d/<str:code>/", views.deputy_entry, name="deputy_entry"),
    path("d/<str:code>/qr.svg", views.deputy_qr, name="deputy_qr"),
    path("deputy/", views.deputy_home, name="deputy_home"),
    path("deputy/<int:pk>/proxy/", views.proxy_opinion, name="proxy_opinion"),
    path("opinions/", views.opinion_list, name="opinion_list"),
    path("opinions/<int:pk>/", views.opinion_detail, name="opinion_detail"),
    path("opinions/<int:pk>/grade/", views.opinion_grade, name="opinion_grade"),
    path("opinions/<int:pk>/reply/", views.opinion_reply, name="opinion_reply"),
    path("opinions/<int:pk>/rate/", views.opinion_rate, name="opinion_rate"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/<str:action>/", views.project_act, name="project_act"),
    path("votes/<int:pk>/", views.session_detail, name="session_detail"),
    path("votes/<int:pk>/tally/", views.session_tally, name="session_tally"),
    path("votes/<int:pk>/verify/", views.session_verify, name="session_verify"),
    path("suggestions/", views.suggestion_list, name="suggestion_list"),
    path("suggestions/new/", views.suggestion_new, name="suggestion_new"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/<int:pk>/<str:action>/", views.suggestion_act, name="suggestion_act"),
    path("replies/", views.public_replies, name="public_replies"),
    path("replies/<int:pk>/", views.public_reply, name="public_reply"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
