from django.urls import path

from . import views

app_name = "relief_match"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/authorize/", views.authorize, name="authorize"),
    path("applications/<int:pk>/decide/", views.decide, name="decide"),
    path("code.svg", views.household_code, name="code"),
    path("list/<str:token>/", views.happiness_by_code, name="happiness"),
    path("wishes/", views.wishes, name="wishes"),
    path("wishes/<int:pk>/<str:action>/", views.wish_action, name="wish_action"),
    path("warnings/", views.warning_list, name="warnings"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/<int:pk>/", views.visit_record, name="visit_record"),
    path("matches/", views.match_list, name="matches"),
    path("matches/<int:pk>/deliver/", views.deliver, name="deliver"),
    path("matches/<int:pk>/rate/", views.rate_match, name="rate_match"),
    path("households/<str:key>/", views.household_detail, name="household_detail"),
    path("cockpit/", views.cockpit, name="cockpit"),
]
