from django.urls import path

from . import views

app_name = "industry_brain"
urlpatterns = [
    path("", views.firm_home, name="firm_home"),
    path("parts/<int:pk>/", views.part_answer, name="part_answer"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("batches/<int:pk>/quote/", views.quote, name="quote"),
    path("loans/apply/", views.loan_apply, name="loan_apply"),
    path("designs/", views.design_list, name="design_list"),
    path("designs/<int:pk>/", views.design_detail, name="design_detail"),
    path("worker/", views.worker_home, name="worker_home"),
    path("matches/", views.match_action, name="match_action"),
    path("bank/", views.bank_home, name="bank_home"),
    path("bank/loans/<int:pk>/decide/", views.loan_decide, name="loan_decide"),
    path("firms/", views.firm_list, name="firm_list"),
    path("orders/", views.order_list, name="order_list"),
    path("procurement/", views.procurement_list, name="procurement_list"),
    path("credit/", views.credit_list, name="credit_list"),
    path("monitoring/", views.monitoring_list, name="monitoring_list"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
