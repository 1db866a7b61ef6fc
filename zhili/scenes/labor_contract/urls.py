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
    path("c/<str:number>/contract.pdf", views.contract_pdf, name="pdf"),
    path("c/<str:number>/seal/", views.contract_seal, name="seal"),
    path("c/<str:number>/seal/preview.png", views.contract_seal_preview, name="seal_preview"),
    path("s/<str:number>/", views.sign_start, name="sign"),
    path("s/<str:number>/real-name/", views.sign_real_name, name="sign_real_name"),
    path("s/<str:number>/disclosure/", views.sign_disclosure, name="sign_disclosure"),
    path("s/<str:number>/read/", views.sign_read, name="sign_read"),
    path("s/<str:number>/intent/", views.sign_intent, name="sign_intent"),
    path("s/<str:number>/signature/", views.sign_signature, name="sign_signature"),
    path("s/<str:number>/done/", views.sign_done, name="sign_done"),
    path("s/<str:number>/reject/", views.sign_reject, name="sign_reject"),
    path("seal/", views.seal_settings, name="seal_settings"),
    path("seal/image.png", views.seal_image, name="seal_image"),
    path("qr/", views.qr_sheet, name="qr_sheet"),
    path("mine/", views.my_contracts, name="mine"),
    path("region/", views.region_list, name="region"),
    path("region/overdue/", views.region_overdue, name="region_overdue"),
    path("region/expiring/", views.region_expiring, name="region_expiring"),
]
