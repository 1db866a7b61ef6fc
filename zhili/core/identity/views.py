"""Login by SMS code (workers) or password (staff), logout, profile and real-name check."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zhili.core.foundation.context import client_ip
from zhili.core.foundation.forms import add_service_errors

from . import services
from .forms import OtpLoginForm, PasswordLoginForm, PhoneForm, RealNameForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def login_otp(request):
    form = OtpLoginForm(request.POST or None, initial={"phone": request.GET.get("phone", "")})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.verify_login_code(form.cleaned_data["phone"], form.cleaned_data["code"],
                                              ip_address=client_ip(request))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_next_url(request))
    return render(request, "identity/login_otp.html", {"form": form, "next": _next_url(request)})


@require_POST
def send_code(request):
    form = PhoneForm(request.POST)
    sent = False
    if form.is_valid():
        try:
            services.request_login_code(form.cleaned_data["phone"], ip_address=client_ip(request))
            sent = True
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "identity/partials/code_status.html", {"form": form, "sent": sent})


@require_http_methods(["GET", "POST"])
def login_password(request):
    form = PasswordLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.check_password_login(form.cleaned_data["username"], form.cleaned_data["password"],
                                                 ip_address=client_ip(request))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_next_url(request))
    return render(request, "identity/login_password.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("identity:login")


@login_required
def profile(request):
    return render(request, "identity/profile.html", {"person": request.user})


@login_required
@require_http_methods(["GET", "POST"])
def real_name(request):
    form = RealNameForm(request.POST or None, initial={"name": request.user.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.verify_real_name(request.user, name=form.cleaned_data["name"],
                                      id_number=form.cleaned_data["id_number"], actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("实名认证已完成"))
            return redirect(_next_url(request))
    return render(request, "identity/real_name.html", {"form": form, "next": _next_url(request)})
