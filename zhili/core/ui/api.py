"""What scenes and other core packages may use from core.ui (界面): the shared face of every page.

Templates: ``base/base.html`` is the layout (left menu, top bar, breadcrumbs, toasts); ``{% load ui %}`` gives
``{% badge %}`` (ChoiceSet colours) and ``{% empty_state %}``. Python: ``badge_parts`` and ``text_colour``.
The role workbench (工作台): an app's ``workbench.py`` declares ``WORKBENCH = [Todo(...), Recent(...),
Shortcut(...)]`` (``RecentItem`` for a recent panel's lines); ``workbench_for(user)`` is what the home page shows.
List pages: ``ListPage`` (sort by declared ``Column``s, page, URLs that keep the filters), ``export_xlsx`` (a
download, audited as ``ui.list.exported``), ``region_choices(user)`` and ``industry_choices()`` for dropdowns;
templates ``ui/list_toolbar.html``, ``ui/pagination.html``, ``{% sort_header %}``, ``{% ui_field %}``; bulk actions
(``BulkAction``, ``ListPage(bulk=...)``, ``ui/bulk_bar.html``, ``{% bulk_checkbox %}``: confirmed, atomic, audited).
Help: an app's ``help.py`` declares ``HELP = [PageHelp(...), Guide(...), Faq(...), Contact(...)]`` (the ``?`` in the top
bar opens a page's help; ``/help/`` is the help centre).
Timelines: ``TimelineEntry(when, who, what, note=, colour=)``, ``audit_timeline(obj, labels=)``, ``merged(...)``,
``person(user)``, drawn by ``{% timeline entries %}`` (``ui/timeline.html``).
Maps: ``MapData`` with ``point``/``polygon``/``line`` features (WGS84), drawn by ``{% ui_map data %}`` (Leaflet).
"""

from .badges import badge_parts, text_colour
from .helpcentre import Contact, Faq, Guide, PageHelp
from .lists import BulkAction, Column, ListPage, export_xlsx, industry_choices, region_choices
from .maps import MapData, line, point, polygon
from .registry import Recent, RecentItem, Shortcut, Todo, workbench_for
from .timeline import TimelineEntry, audit_timeline, merged, person

__all__ = ["BulkAction", "Column", "Contact", "Faq", "Guide", "ListPage", "PageHelp", "MapData", "Recent", "RecentItem", "Shortcut", "Todo", "badge_parts", "export_xlsx",
           "industry_choices", "line", "point", "polygon", "region_choices", "text_colour", "workbench_for",
           "TimelineEntry", "audit_timeline", "merged", "person"]
