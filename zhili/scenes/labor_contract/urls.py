from django.urls import path

from . import views

app_name = "labor_contract"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("new/", views.contract_create, name="create"),
    path("send/", views.send_selected, name="send_selected"),
    path("import/", views.batch_upload, name="batch_upload"),
    path("import/template.xlsx", views.batch_template, name="batch_template"),
    path("existing/", views.existing_upload, name="existing_upload"),
    path("existing/template.xlsx", views.existing_template, name="existing_template"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/result.xlsx", views.batch_result, name="batch_result"),
    path("batches/<int:pk>/send/", views.batch_send, name="batch_send"),
    path("c/<str:number>/", views.contract_detail, name="detail"),
    path("c/<str:number>/send/", views.contract_send, name="send"),
    path("c/<str:number>/revoke/", views.contract_revoke, name="revoke"),
    path("mine/", views.my_contracts, name="mine"),
    path("region/", views.region_list, name="region"),
    path("region/overdue/", views.region_overdue, name="region_overdue"),
    path("region/expiring/", views.region_expiring, name="region_expiring"),
]
