"""Pages: the public scan of a status code, an entity's code image, and its level history."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from zhili.core.identity.permissions import can

from .models import EntityLevel, EntityResult, LevelHistory
from .registry import get_system
from .statuscodes import check_status_code, issue_status_code, status_code_svg


def scan(request, token: str):
    """What a scan of a status code shows: the colour and level, or that the code is forged or stale."""
    check = check_status_code(token)
    system = get_system(check.system) if check.valid else None
    return render(request, "indicators/status_code_scan.html", {"check": check, "system": system},
                  status=200 if check.valid else 410)


def _visible_system(request, system_code: str, entity_key: str):
    """The system, if the user is department staff and the owning scene's scope holds the entity; else 404."""
    try:
        system = get_system(system_code)
    except LookupError:
        raise Http404("没有这个指标体系") from None
    if not can(request.user, "indicators.result.view", None) or system.can_view_entity is None \
            or not system.can_view_entity(request.user, entity_key):
        raise Http404("不存在或无权查看")
    return system


@login_required
def entity_code(request, system_code: str, entity_key: str):
    """The entity's current status code as an SVG QR code in its level's colour."""
    _visible_system(request, system_code, entity_key)
    token = issue_status_code(system_code, entity_key)
    level = check_status_code(token).level
    return HttpResponse(status_code_svg(token, level), content_type="image/svg+xml")


@login_required
def entity_history(request, system_code: str, entity_key: str):
    """The entity's current level, its history of levels and its latest explanation."""
    system = _visible_system(request, system_code, entity_key)
    context = {
        "system": system, "entity_key": entity_key,
        "current": EntityLevel.objects.filter(system_code=system_code, entity_key=entity_key).first(),
        "history": LevelHistory.objects.filter(system_code=system_code, entity_key=entity_key).order_by("-id"),
        "latest": EntityResult.objects.filter(system_code=system_code, entity_key=entity_key).order_by("-id").first(),
    }
    return render(request, "indicators/entity_history.html", context)
