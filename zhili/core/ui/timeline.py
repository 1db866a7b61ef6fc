"""Detail timelines (办理记录): who did what when, one shared component for every detail page.

A view builds ``TimelineEntry``s from its own history (a case's steps, a contract's status changes) or from the
audit log with ``audit_timeline(obj, labels={...})`` (only the actions it names are shown, in its words: internal
action codes never reach the page), and the template draws them with ``{% timeline entries %}``, oldest first.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

from zhili.core.foundation.choices import Colour


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a timeline: when, who (a person's name or 系统), what, a note, the dot's colour."""

    when: dt.datetime | dt.date | None
    who: str
    what: str
    note: str = ""
    colour: str = Colour.BLUE


def person(user) -> str:
    """The name a timeline shows for ``user`` (系统 when nobody acted)."""
    if user is None:
        return gettext("系统")
    return str(getattr(user, "display_name", "") or getattr(user, "name", "") or user)


def audit_timeline(target, *, labels: dict[str, str], colours: dict[str, str] | None = None,
                   limit: int = 200) -> list[TimelineEntry]:
    """The audit log's entries about ``target`` whose action is in ``labels`` (action → what to show), oldest
    first, at most ``limit``."""
    from zhili.core.foundation.audit import entries_for

    entries = (entries_for(target).filter(action__in=list(labels)).select_related("actor").order_by("-id")[:limit])
    colours = colours or {}
    return [TimelineEntry(e.created_at, person(e.actor), gettext(str(labels[e.action])),
                          colour=colours.get(e.action, Colour.BLUE)) for e in reversed(list(entries))]


def merged(*timelines: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Several timelines as one, oldest first (entries without a time last)."""
    entries = [entry for timeline in timelines for entry in timeline]

    def key(entry):
        when = entry.when
        if isinstance(when, dt.datetime):
            return (0, when.timestamp())
        if isinstance(when, dt.date):
            return (0, dt.datetime.combine(when, dt.time()).timestamp())
        return (1, 0)

    return sorted(entries, key=key)
