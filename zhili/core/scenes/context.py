"""The template context processor that builds the left menu from the menus the apps declare, and the top bar's
unread-message count.

``nav_groups``: the menu grouped under headings (each scene's name, or an item's ``group``), scenes first;
``nav_items``: the same entries as one list (pages that list them, e.g. a phone home). An entry whose page is the
current one (the longest URL prefix of the request's path) has ``active``; an entry shown for one of the person's
roles (not to everyone signed in) has ``own``, and so does a group holding one (a home lists those groups first,
the offers made to everyone after: a farmer's 浙农补 before 人大代表履职's 找代表 提意见). Labels, headings and scene names are
looked up in the catalogues for each request, so a scene marks them for extraction (``gettext_lazy`` in
``navigation.py``, ``gettext_noop`` for ``scene_name``) and they follow the language switch.
"""

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from .registry import menus, scenes


def _for_role(item, roles: set[str]) -> bool:
    """Whether the item is shown because of one of ``roles`` (not because it is offered to everyone signed in)."""
    from zhili.core.identity.api import DEPARTMENT_ROLES

    if item.roles & roles:
        return True
    return bool(item.department) and any(role in DEPARTMENT_ROLES for role in roles)


def _visible(item, roles: set[str]) -> bool:
    return (not item.roles and not item.department) or _for_role(item, roles)


def _group_of(code: str, item) -> str:
    if item.group:
        return gettext(str(item.group))
    if code in scenes:
        return gettext(str(scenes[code].scene_name))
    try:
        return gettext(str(apps.get_app_config(code).verbose_name))
    except LookupError:
        return code


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_groups": [], "unread_messages": 0}
    from zhili.core.identity.api import roles_of
    from zhili.core.notify.api import unread_count

    roles = roles_of(user)
    items = []
    for code, menu in sorted(menus.items(), key=lambda pair: pair[0] not in scenes):
        for item in menu:
            if not _visible(item, roles):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"scene": _group_of(code, item), "label": gettext(str(item.label)), "url": url, "icon": item.icon,
                          "mobile": item.mobile, "active": False, "own": _for_role(item, roles)})
    path = request.path
    matching = [entry for entry in items if path.startswith(entry["url"])]
    if matching:
        max(matching, key=lambda entry: len(entry["url"]))["active"] = True
    groups: dict[str, list] = {}
    for entry in items:
        groups.setdefault(entry["scene"], []).append(entry)
    return {
        "nav_items": items,
        "nav_groups": [{"label": label, "items": entries, "active": any(e["active"] for e in entries),
                        "own": any(e["own"] for e in entries)} for label, entries in groups.items()],
        "unread_messages": unread_count(user),
    }
