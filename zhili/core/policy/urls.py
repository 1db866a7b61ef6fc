from django.urls import path

from . import views

app_name = "policy"
urlpatterns = [
    path("", views.policy_list, name="policy_list"),
    path("calculator/", views.calculator, name="calculator"),
    path("rules/", views.rule_list, name="rule_list"),
    path("import/", views.policy_import, name="policy_import"),
    path("import/template.xlsx", views.policy_import_template, name="policy_import_template"),
    path("<str:domain>/<str:code>/", views.policy_detail, name="policy_detail"),
]
