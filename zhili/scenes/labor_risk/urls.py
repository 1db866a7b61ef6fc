from django.urls import path

from . import views

app_name = "labor_risk"
urlpatterns = [
    path("", views.warning_list, name="warnings"),
    path("warnings.xlsx", views.warning_export, name="warnings_export"),
    path("e/<str:uscc>/", views.profile, name="profile"),
    path("cockpit/", views.cockpit, name="cockpit"),
    path("cockpit/data.json", views.cockpit_data, name="cockpit_data"),
    path("mine/", views.my_code, name="mine"),
]
