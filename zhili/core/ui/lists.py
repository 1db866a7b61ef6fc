"""The shared list page: toolbar filters (dropdowns for region, industry and status, a search box), sortable
columns, pagination that keeps the filters, and an XLSX export that downloads and is audited.

A view builds its queryset with its own scoped queries and filter form, then::

    columns = [Column("number", _("合同编号"), sort="number"), Column("start", _("开始日期"), sort="start_date")]
    listing = ListPage(request, queryset, columns=columns, default_sort="-id", per_page=20)
    if listing.wants_export:
        return export_xlsx(request, what="labor_contract.contracts", title=..., header=[...], rows=...)
    return render(request, "...", {"listing": listing, "form": form})

and its template includes ``ui/list_toolbar.html`` (with ``form``), uses ``{% sort_header listing "number" %}``
for a header cell and ``ui/pagination.html`` (with ``page=listing.page``). The export is a plain link
(``listing.export_url``), never an htmx request, so the browser downloads the file.

Bulk actions: ``ListPage(..., bulk=[BulkAction("seal", _("批量盖章"), apply=..., eligible=..., confirm=...)],
key="number", row_label=...)``; the view answers ``listing.bulk_response(what=...)`` when
``listing.bulk_requested`` (a POST to the list's own URL). The person ticks rows (``{% bulk_checkbox listing row %}``,
``{% bulk_select_all listing %}``) and presses an action in ``ui/bulk_bar.html``; a confirmation page lists what
will change; confirmed, every row takes the action in ONE transaction (one failing row undoes them all and is
named in the error) and an audit entry ``ui.list.bulk`` records who did what to which rows. Rows are looked up in
the view's own scoped queryset: a key the person cannot see is a 404, and nothing changes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext

from zhili.core.foundation import audit
from zhili.core.foundation.spreadsheets import XlsxWriter, header_widths, xlsx_response

EXPORT_LIMIT = 50_000


@dataclass(frozen=True)
class Column:
    """A column: its key (used in ``?sort=``), header label and the ORM field it sorts by ("" = not sortable)."""

    key: str
    label: str
    sort: str = ""


BULK_LIMIT = 500  # rows one bulk action may take at once


@dataclass(frozen=True)
class BulkAction:
    """An action on the ticked rows of a list.

    ``apply(request, row)`` changes one row through the app's services (raising ValidationError or PermissionDenied
    to refuse); ``eligible(row)`` is "" when the row may take the action, else why not (rows that may not are not
    offered a tick box for it); ``allowed(user)`` says who sees the button; ``confirm`` is the question on the
    confirmation page (``{n}`` is the number of rows) and ``done`` the message after (``{n}`` likewise)."""

    code: str
    label: str
    apply: Callable = field(default=lambda request, row: None, compare=False)
    eligible: Callable = field(default=lambda row: "", compare=False)
    allowed: Callable = field(default=lambda user: True, compare=False)
    confirm: str = ""
    done: str = ""


class ListPage:
    """The state of one list request: sort (only by declared columns), page, and the URLs that keep filters."""

    def __init__(self, request, queryset, *, columns: Iterable[Column], default_sort: str | Iterable[str] = "-id",
                 per_page: int = 20, bulk: Iterable[BulkAction] = (), key: str = "pk",
                 row_label: Callable = str):
        self.request = request
        self.base_queryset = queryset
        self.bulk_actions = [action for action in bulk if action.allowed(request.user)]
        self.key, self.row_label = key, row_label
        self.columns = {column.key: column for column in columns}
        self.sort_key, self.descending = self._sort(request.GET.get("sort", ""))
        order = self._order(default_sort)
        self.queryset = queryset.order_by(*order)
        self.page = Paginator(self.queryset, per_page).get_page(request.GET.get("page"))

    def _sort(self, raw: str) -> tuple[str, bool]:
        key = raw.lstrip("-")
        if key in self.columns and self.columns[key].sort:
            return key, raw.startswith("-")
        return "", False

    def _order(self, default_sort) -> list[str]:
        if not self.sort_key:
            return [default_sort] if isinstance(default_sort, str) else list(default_sort)
        field = self.columns[self.sort_key].sort
        return [f"-{field}" if self.descending else field, "-id" if self.descending else "id"]

    @property
    def wants_export(self) -> bool:
        return self.request.GET.get("format") == "xlsx"

    def query(self, **changes) -> str:
        """The current query string with ``changes`` (a value of None removes the key)."""
        params = self.request.GET.copy()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return params.urlencode()

    @property
    def export_url(self) -> str:
        return "?" + self.query(format="xlsx", page=None)

    def sort_url(self, key: str) -> str:
        descending = self.sort_key == key and not self.descending
        return "?" + self.query(sort=f"-{key}" if descending else key, page=None)

    def header(self, key: str) -> dict:
        column = self.columns[key]
        state = ("descending" if self.descending else "ascending") if self.sort_key == key else "none"
        # A label written as _("…") at module level was translated once, at import, in the default language: the
        # catalogue is asked again now, in the language of this request.
        return {"label": gettext(str(column.label)), "sortable": bool(column.sort), "url": self.sort_url(key) if column.sort else "",
                "state": state}


    # ---------------------------------------------------------------- bulk actions

    def row_key(self, row) -> str:
        return str(getattr(row, self.key))

    def bulk_for(self, row) -> list[str]:
        """The codes of the bulk actions ``row`` may take (its tick box is shown when there is one)."""
        return [action.code for action in self.bulk_actions if not action.eligible(row)]

    @property
    def bulk_requested(self) -> bool:
        return self.request.method == "POST" and "bulk_action" in self.request.POST

    def _back(self) -> HttpResponseRedirect:
        return HttpResponseRedirect(self.request.get_full_path())

    def bulk_response(self, *, what: str, template: str = "ui/bulk_confirm.html") -> HttpResponse:
        """Answer a bulk POST: the confirmation page, or (confirmed) the action on every row in one transaction,
        audited as ``ui.list.bulk``; then back to the list with its filters."""
        request = self.request
        action = next((a for a in self.bulk_actions if a.code == request.POST.get("bulk_action")), None)
        if action is None:
            raise Http404
        keys = list(dict.fromkeys(k for k in request.POST.getlist("selected") if k))
        if not keys:
            messages.error(request, gettext("请先勾选要处理的行"))
            return self._back()
        if len(keys) > BULK_LIMIT:
            messages.error(request, gettext("一次最多处理 {n} 行，请缩小筛选范围").format(n=BULK_LIMIT))
            return self._back()
        rows = list(self.base_queryset.filter(**{f"{self.key}__in": keys}).order_by(self.key))
        if len(rows) != len(keys):
            raise Http404  # a key outside the person's own list: nothing is said about it, nothing changes
        refused = [(self.row_label(row), str(reason)) for row in rows if (reason := action.eligible(row))]
        if refused:
            for label, reason in refused[:10]:
                messages.error(request, f"{label}：{reason}")
            messages.error(request, gettext("{action}：有 {n} 行不能办理，未做任何更改").format(
                action=gettext(str(action.label)), n=len(refused)))
            return self._back()
        if request.POST.get("confirmed") != "1":
            question = gettext(str(action.confirm or gettext("确定对选中的 {n} 行执行此操作？"))).format(n=len(rows))
            return render(request, template, {"action": action, "label": gettext(str(action.label)),
                                              "question": question, "keys": [self.row_key(r) for r in rows],
                                              "rows": [self.row_label(r) for r in rows[:50]], "count": len(rows),
                                              "back": request.get_full_path()})
        current = None
        try:
            with transaction.atomic():
                for row in rows:
                    current = row
                    action.apply(request, row)
                audit.record("ui.list.bulk", actor=request.user,
                             data={"list": what, "action": action.code, "rows": [self.row_key(r) for r in rows],
                                   "count": len(rows)})
        except (ValidationError, PermissionDenied) as exc:
            reason = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, gettext("{row}：{reason}（整批未做任何更改）").format(
                row=self.row_label(current), reason=reason))
            return self._back()
        done = action.done or gettext("已处理 {n} 行")
        messages.success(request, gettext(str(done)).format(n=len(rows)))
        return self._back()


def export_xlsx(request, *, what: str, title: str, header: list, rows: Iterable[Iterable], file_name: str = "",
                filters: dict | None = None) -> HttpResponse:
    """An XLSX download of ``rows`` (at most EXPORT_LIMIT), with an audit entry of who exported which list with
    which filters and how many rows (``ui.list.exported``)."""
    writer = XlsxWriter()
    sheet = writer.add_sheet(title, header=header, widths=header_widths(header))
    count = 0
    for row in rows:
        if count >= EXPORT_LIMIT:
            break
        sheet.append(row)
        count += 1
    content = writer.to_bytes()
    shown = {k: v for k, v in (filters if filters is not None else request.GET.dict()).items()
             if k not in {"format", "page"} and v not in ("", None)}
    with transaction.atomic():
        audit.record("ui.list.exported", actor=request.user,
                     data={"list": what, "title": str(title), "rows": count, "filters": shown})
    return xlsx_response(content, file_name or f"{title}.xlsx")


def region_choices(user, *, levels: Iterable[str] = ("county", "town")) -> list[tuple[str, str]]:
    """(code, name) of the regions in ``user``'s department scope at ``levels``, for a region dropdown."""
    from zhili.core.identity.permissions import roles_of
    from zhili.core.identity.roles import DEPARTMENT_ROLES
    from zhili.core.orgs.models import Region

    roots = [m.region for m in user.memberships.filter(is_active=True).select_related("region")
             if m.region_id and m.role in DEPARTMENT_ROLES]
    if not roots and "platform_admin" not in roles_of(user):
        return []
    regions = Region.objects.filter(level__in=list(levels))
    if roots:
        from django.db.models import Q

        condition = Q()
        for root in roots:
            condition |= Q(path__startswith=root.path)
        regions = regions.filter(condition)
    return [(r.code, r.name) for r in regions.order_by("code")]


def industry_choices() -> list[tuple[str, str]]:
    """(code, name) of the industry sections (GB/T 4754 门类), for an industry dropdown."""
    from zhili.core.orgs.models import Industry

    return [(i.code, f"{i.code} {i.name}") for i in Industry.objects.filter(parent__isnull=True).order_by("code")]
