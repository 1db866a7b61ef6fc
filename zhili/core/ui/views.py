"""The help centre's pages: the index of every app's help (with the platform's hotline), and one app's help page
(its guides, the person's own roles first, every page's help, FAQ and the responsible office). Help is public
information: it is served to anyone, signed in or not; a code nobody declared help for is a 404."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext

from .helpcentre import help_for, help_index


def _app_name(code: str) -> str:
    for config in apps.get_app_configs():
        get_code = getattr(config, "get_code", None)
        if config.label == code or (get_code and get_code() == code):
            return gettext(str(getattr(config, "scene_name", "") or config.verbose_name))
    return code


def _roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    from zhili.core.identity.permissions import roles_of

    return roles_of(user)


def index(request):
    entries = [{"code": found.code, "name": _app_name(found.code), "pages": len(found.pages),
                "guides": len(found.guides), "faq": len(found.faq)} for found in help_index()]
    general = help_for("ui")
    return render(request, "ui/help/index.html", {"entries": [e for e in entries if e["code"] != "ui"],
                                                   "general": general})


def app_help(request, code: str):
    found = help_for(code)
    if found is None:
        raise Http404
    roles = _roles(request.user)
    guides = sorted(found.guides, key=lambda guide: not (guide.roles & roles))  # the person's own roles first
    pages = []
    from django.urls import NoReverseMatch, reverse

    for page in found.pages:
        try:
            url = reverse(page.url_name)
        except NoReverseMatch:  # a page that needs an argument (a contract's number): help without a link
            url = ""
        pages.append({"anchor": page.url_name.replace(":", "-"), "title": page.title, "text": page.text, "url": url})
    return render(request, "ui/help/app.html", {"code": code, "name": _app_name(code), "help": found,
                                                "guides": guides, "pages": pages, "roles": roles})
