from django.urls import path

from . import views

app_name = "housekeeping"
urlpatterns = [
    path("", views.customer_home, name="customer_home"),
    path("my-code/", views.my_code, name="my_code"),
    path("code/<str:token>/", views.scan, name="scan"),
    path("agency/", views.agency_home, name="agency_home"),
    path("slips/<int:pk>/acknowledge/", views.slip_acknowledge, name="slip_acknowledge"),
    path("workers/", views.worker_list, name="worker_list"),
    path("workers/recompute/", views.recompute, name="recompute"),
    path("workers/<int:pk>/", views.worker_detail, name="worker_detail"),
    path("workers/<int:pk>/checks/", views.worker_checks, name="worker_checks"),
    path("watch-list/", views.watch_list, name="watch_list"),
    path("watch-list/<int:pk>/lift/", views.watch_lift, name="watch_lift"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
