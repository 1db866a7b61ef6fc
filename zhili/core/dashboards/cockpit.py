"""Cockpit pages (驾驶舱) any scene can declare: widgets over tables, filters, drill-down and XLSX export.

Every analysis a cockpit shows is a *table result* (``table_result``): headers, rows of cells (see
``suppression``) and a chart hint; the page draws the chart from the table, so whatever is drawn can also be
exported, suppressed exactly as shown. ``dashboards/cockpit.html`` with ``static/dashboards/cockpit.js`` renders
a ``Cockpit``: it fetches the scene's JSON endpoint with the filter form's values and redraws every widget.
"""

from dataclasses import dataclass, field

from zhili.core.foundation.registry import Registry

cockpits = Registry("cockpits")
CHARTS = ("kpi", "line", "bar", "hbar", "pie", "table")


@dataclass(frozen=True)
class Widget:
    """One panel: the analysis it shows and how (kpi, line, bar, hbar, pie or table); ``span`` is 1–3 columns."""

    analysis: str
    title: str
    chart: str = "bar"
    span: int = 1
    table_open: bool = False  # show the data table under the chart unfolded (rankings that drill down)

    def __post_init__(self):
        if self.chart not in CHARTS:
            raise ValueError(f"unknown chart {self.chart!r}; choose one of {CHARTS}")


@dataclass(frozen=True)
class Cockpit:
    """A cockpit page: title, widgets, and the URL names of its JSON data and XLSX export endpoints.

    The export URL takes the analysis code as its only argument; both endpoints get the filter form's query.
    """

    code: str
    title: str
    widgets: tuple[Widget, ...]
    data_url_name: str
    export_url_name: str
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)


def register_cockpit(cockpit: Cockpit) -> Cockpit:
    return cockpits.register(cockpit.code, cockpit)


def table_result(code: str, title: str, headers: list[str], rows: list[list], *, chart: str = "bar",
                 note: str = "", reference: str = "", drill: list[dict] | None = None, level: dict | None = None,
                 series_columns: list[int] | None = None) -> dict:
    """The JSON-ready form of one analysis: the first column names categories, the others hold cells.

    ``drill`` gives, per row, the filter values a click on that row applies (``{"region": "330182001000"}``);
    ``level`` an index grade (``{"level": "red", "label": "红色预警", "colour": "#d93026"}``);
    ``series_columns`` which columns the chart draws (all but the first by default).
    """
    return {"code": code, "title": title, "headers": headers, "rows": rows, "chart": chart, "note": note,
            "reference": reference, "drill": drill or [], "level": level,
            "series_columns": series_columns if series_columns is not None else list(range(1, len(headers)))}
