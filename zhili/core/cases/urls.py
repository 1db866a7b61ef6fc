from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("export.xlsx", views.case_export, name="export"),
    path("bulk/", views.case_bulk, name="bulk"),
    path("<str:number>/", views.case_detail, name="detail"),
    path("<str:number>/<str:verb>/", views.case_action, name="action"),
]
