"""The role workbench (工作台): to-dos with counts, recent items and shortcuts that each app declares.

An app's ``workbench.py`` defines ``WORKBENCH = [Todo(...), Recent(...), Shortcut(...)]``; the scene loader hands
it to ``register_module`` (one row of ``core/scenes/declarations.py``). The home page asks ``workbench_for(user)``
for what that person sees: every entry whose ``roles`` they hold (or, with ``department=True``, any department
role), each to-do with its count for them (their data scope is the provider's business: it reads through the
app's own queries, which apply it).

A ``Todo`` with ``personal=True`` is a person's own pending action (a contract to sign, a form to fill): a
citizen's home lists those first, and only the ones with something to do.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from django.urls import NoReverseMatch, reverse

from zhili.core.foundation.choices import Colour
from zhili.core.foundation.registry import Registry

entries = Registry("workbench")


@dataclass(frozen=True)
class _Entry:
    code: str
    label: str
    url_name: str = ""
    query: str = ""
    roles: frozenset[str] = frozenset()
    department: bool = False

    def url(self) -> str:
        if not self.url_name:
            return ""
        try:
            base = reverse(self.url_name)
        except NoReverseMatch:
            return ""
        return f"{base}?{self.query}" if self.query else base


@dataclass(frozen=True)
class Todo(_Entry):
    """A to-do with a count ("待盖章 2"): ``count(user)`` says how many, ``url_name``/``query`` open the list."""

    count: Callable = field(default=lambda user: 0, compare=False)
    colour: str = Colour.BLUE
    hint: str = ""
    personal: bool = False


@dataclass(frozen=True)
class RecentItem:
    """One line of a recent-items panel: what, where it opens, when, and its status as (label, colour)."""

    title: str
    url: str
    when: dt.datetime | dt.date | None = None
    status: tuple[str, str] | None = None
    note: str = ""


@dataclass(frozen=True)
class Recent(_Entry):
    """A panel of the latest items: ``items(user, limit)`` returns ``RecentItem``s, newest first."""

    items: Callable = field(default=lambda user, limit: [], compare=False)


@dataclass(frozen=True)
class Shortcut(_Entry):
    """A button to a page one often opens (批量发约, 新建合同)."""


def register(entry: _Entry, *, scene: str = "") -> _Entry:
    if not isinstance(entry, Todo | Recent | Shortcut):
        raise TypeError(f"WORKBENCH 只能包含 Todo、Recent 或 Shortcut，收到 {entry!r}")
    if not entry.code:
        raise ValueError(f"工作台条目 {entry.label} 缺少 code")
    return entries.register(f"{scene}:{entry.code}" if scene else entry.code, entry)


def register_module(module: ModuleType, *, scene: str = "") -> list:
    """Register every entry of a ``workbench.py``'s ``WORKBENCH`` under the app's code."""
    return [register(entry, scene=scene) for entry in module.WORKBENCH]


def _visible(entry: _Entry, roles: set[str]) -> bool:
    from zhili.core.identity.roles import DEPARTMENT_ROLES

    if entry.roles & roles:
        return True
    return entry.department and any(role in DEPARTMENT_ROLES for role in roles)


@dataclass
class TodoView:
    code: str
    label: str
    count: int
    url: str
    colour: str
    hint: str
    personal: bool


@dataclass
class RecentView:
    code: str
    label: str
    items: list[RecentItem]
    url: str


@dataclass
class Workbench:
    todos: list[TodoView]
    recent: list[RecentView]
    shortcuts: list[dict]

    @property
    def pending(self) -> list[TodoView]:
        """A person's own pending actions that have something to do, most first."""
        return sorted((t for t in self.todos if t.personal and t.count), key=lambda t: -t.count)

    @property
    def work(self) -> list[TodoView]:
        """The to-dos of a role (not a person's own), in declaration order."""
        return [t for t in self.todos if not t.personal]


def workbench_for(user, *, recent_limit: int = 5) -> Workbench:
    """What ``user``'s workbench shows: to-dos with their counts, recent items, shortcuts (in declaration order)."""
    from zhili.core.identity.permissions import roles_of

    roles = roles_of(user)
    todos, recent, shortcuts = [], [], []
    for code, entry in entries.items():
        if not _visible(entry, roles):
            continue
        if isinstance(entry, Todo):
            todos.append(TodoView(code, str(entry.label), int(entry.count(user)), entry.url(), entry.colour,
                                  str(entry.hint), entry.personal))
        elif isinstance(entry, Recent):
            recent.append(RecentView(code, str(entry.label), list(entry.items(user, recent_limit)), entry.url()))
        elif entry.url():
            shortcuts.append({"code": code, "label": str(entry.label), "url": entry.url()})
    return Workbench(todos=todos, recent=recent, shortcuts=shortcuts)
