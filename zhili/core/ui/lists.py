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
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
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


class ListPage:
    """The state of one list request: sort (only by declared columns), page, and the URLs that keep filters."""

    def __init__(self, request, queryset, *, columns: Iterable[Column], default_sort: str = "-id",
                 per_page: int = 20):
        self.request = request
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

    def _order(self, default_sort: str) -> list[str]:
        if not self.sort_key:
            return [default_sort]
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
