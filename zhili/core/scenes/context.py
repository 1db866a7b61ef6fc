"""The template context processor that builds the navigation from the scenes' menus."""

from django.urls import NoReverseMatch, reverse

from .registry import menus, scenes


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    from zhili.core.identity.permissions import roles_of

    roles = roles_of(user)
    items = []
    for code, menu in menus.items():
        for item in menu:
            if item.roles and not (item.roles & roles):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"scene": scenes[code].scene_name, "label": item.label, "url": url, "icon": item.icon})
    return {"nav_items": items}
