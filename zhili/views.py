"""The home page per role and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import roles_of
from zhili.core.identity.roles import DEPARTMENT_ROLES
from zhili.core.ui.api import workbench_for


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request):
    """The role workbench (工作台): to-dos with counts, recent items and shortcuts from every app, by role; a
    citizen's own pending actions first."""
    roles = roles_of(request.user)
    memberships = request.user.memberships.filter(is_active=True).select_related("organization", "region")
    context = {
        "roles": roles,
        "memberships": memberships,
        "is_worker": Role.WORKER in roles,
        "is_employer": bool(roles & {Role.EMPLOYER_ADMIN, Role.SEAL_KEEPER}),
        "is_department": bool(roles & DEPARTMENT_ROLES),
        "is_admin": Role.PLATFORM_ADMIN in roles,
        "workbench": workbench_for(request.user),
    }
    workbench = context["workbench"]
    # a role whose scenes list no to-dos or shortcuts (a citizen, a farmer, a deputy) still finds its services on its
    # home, not only behind the phone's menu button: the menu's groups, which the navigation context already holds
    context["show_services"] = not workbench.work and not workbench.shortcuts and not context["is_worker"]
    return render(request, "base/home.html", context)
