from django.urls import path

from . import views, views_orders

app_name = "housekeeping"
urlpatterns = [
    path("", views_orders.customer_home, name="customer_home"),
    path("requests/<int:pk>/", views_orders.request_detail, name="request_detail"),
    path("requests/<int:pk>/book/", views_orders.request_book, name="request_book"),
    path("orders/<int:pk>/", views_orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/contract.pdf", views_orders.order_contract, name="order_contract"),
    path("orders/<int:pk>/revocation.pdf", views_orders.order_revocation, name="order_revocation"),
    path("orders/<int:pk>/<str:action>/", views_orders.order_act, name="order_act"),
    path("job-seekers/", views_orders.seeker_list, name="seeker_list"),
    path("job-seekers/<int:pk>/advance/", views_orders.seeker_advance, name="seeker_advance"),
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
