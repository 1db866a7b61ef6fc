from django.urls import path

from . import views, views_governance

app_name = "carbon_code"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("scan/<str:token>/", views.scan, name="scan"),
    path("results/", views.result_list, name="result_list"),
    path("results/<int:pk>/", views.result_detail, name="result_detail"),
    path("results/<int:pk>/bill/", views.bill_issue, name="bill_issue"),
    path("bills/<int:pk>.pdf", views.bill_pdf, name="bill_pdf"),
    path("regions/", views.region_list, name="region_list"),
    path("loans/", views.loan_mine, name="loan_mine"),
    path("bank/", views.loan_bank, name="loan_bank"),
    path("loans/<int:pk>/revoke/", views.loan_revoke, name="loan_revoke"),
    path("bank/applications/<int:pk>/", views.loan_application, name="loan_application"),
    path("bank/applications/<int:pk>/decide/", views.loan_decide, name="loan_decide"),
    path("evaluate/", views.evaluate, name="evaluate"),
    path("services/", views_governance.services_mine, name="services_mine"),
    path("services/officer/", views_governance.services_officer, name="services_officer"),
    path("services/muni.csv", views_governance.muni_export, name="muni_export"),
    path("warnings/", views_governance.warnings, name="warnings"),
    path("effects/publish/", views_governance.effects_publish, name="effects_publish"),
    path("map/", views_governance.carbon_map, name="map"),
    path("footprint/", views.footprint, name="footprint"),
    path("footprint/data/", views.footprint_data, name="footprint_data"),
    path("footprint/export/<str:code>/", views.footprint_export, name="footprint_export"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
