from django.urls import path

from . import views

app_name = "disability_aid"
urlpatterns = [
    path("", views.visit_list, name="visit_list"),
    path("suspects/", views.suspect_list, name="suspect_list"),
    path("suspects/<int:pk>/", views.suspect_detail, name="suspect_detail"),
    path("suspects/<int:pk>/visit/", views.suspect_visit, name="suspect_visit"),
    path("suspects/<int:pk>/apply/", views.suspect_apply, name="suspect_apply"),
    path("applications/<int:pk>/assess/", views.application_assess, name="application_assess"),
    path("applications/<int:pk>/issue/", views.application_issue, name="application_issue"),
    path("certificates/", views.certificate_list, name="certificate_list"),
    path("persons/<int:pk>/", views.person_detail, name="person_detail"),
    path("persons/<int:pk>/services/", views.person_service, name="person_service"),
    path("persons/<int:pk>/employment/", views.person_employment, name="person_employment"),
    path("me/", views.my_profile, name="my_profile"),
    path("payments/", views.run_list, name="run_list"),
    path("payments/<int:pk>/", views.run_detail, name="run_detail"),
    path("payments/<int:pk>/approve/", views.run_approve, name="run_approve"),
    path("payments/<int:pk>/file.csv", views.run_file, name="run_file"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
