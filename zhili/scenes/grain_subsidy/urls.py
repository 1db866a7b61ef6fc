from django.urls import path

from . import views

app_name = "grain_subsidy"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("claim/<int:round_id>/", views.claim, name="claim"),
    path("plots/", views.plot_list, name="plot_list"),
    path("plots/<int:pk>/", views.plot_detail, name="plot_detail"),
    path("field-checks/<int:pk>/photo/", views.field_check_photo, name="field_check_photo"),
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/<str:action>/", views.round_action, name="round_action"),
    path("lines/<int:pk>/objection/", views.objection, name="objection"),
    path("lines/<int:pk>/check/", views.line_check, name="line_check"),
    path("payments/", views.payment_list, name="payment_list"),
    path("payments/<int:pk>/", views.payment_detail, name="payment_detail"),
    path("payments/<int:pk>/approve/", views.payment_approve, name="payment_approve"),
    path("payments/<int:pk>/download/", views.payment_download, name="payment_download"),
    path("surveys/", views.survey_list, name="survey_list"),
    path("security/", views.security, name="security"),
    path("map/", views.plot_map, name="plot_map"),
    path("map/data/", views.map_data, name="map_data"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
