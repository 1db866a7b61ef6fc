from django.urls import path

from . import views

app_name = "identity"
urlpatterns = [
    path("login/", views.login_otp, name="login"),
    path("login/code/", views.send_code, name="send_code"),
    path("login/password/", views.login_password, name="login_password"),
    path("logout/", views.logout_view, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("verify/", views.real_name, name="real_name"),
]
