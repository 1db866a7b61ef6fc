from django.urls import path

from . import views
from .views import employment

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
    path("me/work/", employment.my_seeker, name="my_seeker"),
    path("me/jobs/<int:pk>/interest/", employment.my_interest, name="my_interest"),
    path("me/courses/<int:pk>/enrol/", employment.my_enrol, name="my_enrol"),
    path("jobs/", employment.job_list, name="job_list"),
    path("jobs/<int:pk>/", employment.job_detail, name="job_detail"),
    path("jobs/<int:pk>/recommend/", employment.job_recommend, name="job_recommend"),
    path("placements/<int:pk>/decide/", employment.placement_decide, name="placement_decide"),
    path("training/", employment.course_list, name="course_list"),
    path("training/<int:pk>/", employment.course_detail, name="course_detail"),
    path("enrolments/<int:pk>/complete/", employment.enrolment_complete, name="enrolment_complete"),
    path("quota/", employment.quota_list, name="quota_list"),
    path("injuries/", employment.injury_list, name="injury_list"),
    path("payments/", views.run_list, name="run_list"),
    path("payments/<int:pk>/", views.run_detail, name="run_detail"),
    path("payments/<int:pk>/approve/", views.run_approve, name="run_approve"),
    path("payments/<int:pk>/file.csv", views.run_file, name="run_file"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
