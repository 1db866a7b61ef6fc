from django.urls import path

from . import views

app_name = "dispatch_watch"
urlpatterns = [
    path("", views.portal, name="portal"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/export/", views.agency_export, name="agency_export"),
    path("agencies/new/", views.agency_new, name="agency_new"),
    path("agencies/credit/", views.credit_compute, name="credit_compute"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/<str:action>/", views.agency_action, name="agency_action"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/export/", views.report_export, name="report_export"),
    path("reports/publish/", views.report_publish, name="report_publish"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("results/<int:year>/", views.public_results, name="public_results"),
    path("hosts/", views.host_list, name="host_list"),
    path("hosts/check/", views.run_checks, name="run_checks"),
    path("hosts/<int:pk>/", views.host_detail, name="host_detail"),
    path("hours/", views.hours_list, name="hours_list"),
    path("hours/<int:pk>/", views.hours_detail, name="hours_detail"),
    path("hours/<int:pk>/decision.pdf", views.hours_pdf, name="hours_pdf"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
