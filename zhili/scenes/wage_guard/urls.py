from django.urls import path

from . import views

app_name = "wage_guard"
urlpatterns = [
    path("", views.my_wages, name="my_wages"),
    path("lines/<int:pk>/answer/", views.line_answer, name="line_answer"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("entries/<int:pk>/contract/", views.contract_request, name="contract_request"),
    path("projects/<int:pk>/complete/", views.project_complete, name="project_complete"),
    path("projects/<int:pk>/close/", views.account_close, name="account_close"),
    path("projects/<int:pk>/deposit/release/", views.deposit_release, name="deposit_release"),
    path("projects/<int:pk>/roster/", views.roster_add, name="roster_add"),
    path("projects/<int:pk>/account/", views.account_open, name="account_open"),
    path("projects/<int:pk>/labor-cost/", views.labor_cost_schedule, name="labor_cost_schedule"),
    path("projects/<int:pk>/deposit/", views.deposit_lodge, name="deposit_lodge"),
    path("projects/<int:pk>/attendance/", views.attendance_import, name="attendance_import"),
    path("projects/<int:pk>/sheets/", views.sheet_build, name="sheet_build"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("sheets/<int:pk>/export/", views.sheet_export, name="sheet_export"),
    path("sheets/<int:pk>/issue/", views.sheet_issue, name="sheet_issue"),
    path("sheets/<int:pk>/batches/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/file/", views.batch_file, name="batch_file"),
    path("batches/<int:pk>/return/", views.batch_return, name="batch_return"),
    path("projects/<int:pk>/code.svg", views.project_code, name="project_code"),
    path("code/<str:token>/", views.code_page, name="code_page"),
    path("code/<str:token>/check-in/", views.code_check_in, name="code_check_in"),
    path("code/<str:token>/complain/", views.code_complain, name="code_complain"),
    path("findings/", views.finding_list, name="finding_list"),
    path("credit/", views.credit_list, name="credit_list"),
    path("credit/<int:pk>/report.pdf", views.credit_report, name="credit_report"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
]
