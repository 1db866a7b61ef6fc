"""The help centre (帮助中心): per-page help, a guide per role, FAQ and the responsible office, declared by each app.

An app's ``help.py`` defines ``HELP = [...]`` (loaded by the one loader, row ``help``) from ``zhili.core.ui.api``:

- ``PageHelp("labor_contract:list", _("合同列表"), _("…"))``: the help of one page, by its URL name; the ``?`` in the
  top bar opens it beside the page (and links to the app's help page).
- ``Guide(_("劳动者：在手机上签合同"), steps=[_("…"), …], roles={"worker"})``: a numbered guide for a role (no
  ``roles``: for everyone). A person's own roles' guides come first.
- ``Faq(_("问题"), _("回答"))``; ``Contact(_("负责科室"), phone="12333", hours=_("工作日 9:00–17:00"), note=_("…"))``.

Every text is marked for translation where it is declared (``gettext_lazy``) and looked up again in the language of
each request, so the help exists in Chinese and in English. ``help_for(code)`` is what an app declared;
``page_help(view_name)`` the help of one page; ``help_index()`` the apps that have help, in loading order.
"""

from dataclasses import dataclass, field
from types import ModuleType

from zhili.core.foundation.registry import Registry

helps = Registry("help")


@dataclass(frozen=True)
class PageHelp:
    """What one page is for and how to use it, shown beside the page when the ``?`` is pressed."""

    url_name: str
    title: str
    text: str


@dataclass(frozen=True)
class Guide:
    """Numbered steps for a role (``roles`` empty: for everyone)."""

    title: str
    steps: tuple = ()
    roles: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "roles", frozenset(self.roles))


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True)
class Contact:
    """Who answers for the app: the office, its telephone (a hotline such as 12333), hours and a note."""

    office: str
    phone: str = ""
    hours: str = ""
    note: str = ""


@dataclass
class AppHelp:
    code: str
    pages: list[PageHelp] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    faq: list[Faq] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


_KINDS = {PageHelp: "pages", Guide: "guides", Faq: "faq", Contact: "contacts"}
_pages = Registry("help_pages")


def register_module(module: ModuleType, *, scene: str = "") -> AppHelp:
    """Register a ``help.py``'s ``HELP`` under the app's code; a page's help is found by its URL name."""
    found = AppHelp(code=scene)
    for entry in module.HELP:
        kind = _KINDS.get(type(entry))
        if kind is None:
            raise TypeError(f"HELP 只能包含 PageHelp、Guide、Faq 或 Contact，收到 {entry!r}")
        if isinstance(entry, Guide) and not entry.steps:
            raise ValueError(f"帮助指南 {entry.title} 没有步骤")
        getattr(found, kind).append(entry)
    for page in found.pages:
        if not page.url_name:
            raise ValueError(f"页面帮助 {page.title} 缺少 url_name（如 {scene}:list）")
        _pages.register(page.url_name, (scene, page))
    return helps.register(scene, found)


def help_for(code: str) -> AppHelp | None:
    return helps.get(code)


def page_help(view_name: str) -> tuple[str, PageHelp] | None:
    """(app code, help) of the page whose URL name is ``view_name`` (``request.resolver_match.view_name``)."""
    return _pages.get(view_name) if view_name else None


def help_index() -> list[AppHelp]:
    return [helps[code] for code in helps]
