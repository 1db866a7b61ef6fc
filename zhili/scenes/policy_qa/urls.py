from django.urls import path

from . import views

app_name = "policy_qa"
urlpatterns = [
    path("", views.ask, name="ask"),
    path("c/<int:pk>/", views.consultation, name="consultation"),
    path("c/<int:pk>/rate/", views.rate, name="rate"),
    path("c/<int:pk>/handover/", views.hand_over, name="hand_over"),
    path("c/<int:pk>/go/", views.go, name="go"),
    path("mine/", views.mine, name="mine"),
    path("e/<slug:code>/", views.entry_detail, name="entry"),
    path("a/<int:pk>/", views.article_detail, name="article"),
    path("t/<int:pk>/", views.text_detail, name="text"),
    path("queue/", views.queue, name="queue"),
    path("queue/<int:pk>/", views.queue_item, name="queue_item"),
    path("kb/", views.entry_list, name="entries"),
    path("kb/new/", views.entry_edit, name="entry_new"),
    path("kb/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("kb/<int:pk>/status/", views.entry_status, name="entry_status"),
    path("texts/", views.texts, name="texts"),
    path("synonyms/", views.synonyms, name="synonyms"),
    path("calc/", views.calculator, name="calculator"),
    path("calc/<str:kind>/", views.calculator, name="calculator_kind"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data/", views.cockpit_data, name="cockpit_data"),
    path("cockpit/export/<str:code>/", views.cockpit_export, name="cockpit_export"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
]
