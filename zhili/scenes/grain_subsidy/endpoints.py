"""The 浙农补 scene's JSON API under /api/v1/grain_subsidy/ (in the OpenAPI document), with the pages' checks."""

from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries, services

router = Router(tags=["浙农补"])


class PlotOut(Schema):
    id: int
    code: str
    town_code: str
    village: str
    registered_area_mu: Decimal
    measured_area_mu: Decimal
    land_use: str
    boundary: dict


class LineOut(Schema):
    round_id: int
    round: str
    plot_code: str
    eligible_area_mu: Decimal
    amount_yuan: Decimal
    colour: str
    status: str
    reasons: list[str]


class ClaimOut(Schema):
    id: int
    status: str
    plots: int


def _plot(plot) -> dict:
    return {"id": plot.pk, "code": plot.code, "town_code": plot.region.code, "village": plot.village,
            "registered_area_mu": plot.registered_area_mu, "measured_area_mu": plot.measured_area_mu,
            "land_use": plot.land_use, "boundary": plot.boundary}


@router.get("/plots", response=list[PlotOut], summary="辖区内的地块")
def list_plots(request, town: str = "", village: str = "", offset: int = 0, limit: int = 200):
    require(request.user, "grain_subsidy.plot.view")
    plots = queries.plots_for(request.user)
    if town:
        plots = plots.filter(region__code=town)
    if village:
        plots = plots.filter(village=village)
    return [_plot(p) for p in plots.order_by("code")[max(0, offset):max(0, offset) + min(max(limit, 1), 1000)]]


@router.get("/plots/{plot_id}", response=PlotOut, summary="一个地块")
def get_plot(request, plot_id: int):
    return _plot(queries.plot_for(request.user, plot_id))


@router.get("/mine", response=list[LineOut], summary="我的预核定地块")
def my_lines(request):
    require(request.user, "grain_subsidy.claim.submit")
    farmer = queries.farmer_of(request.user)
    if farmer is None:
        return []
    return [{"round_id": entry["round"].pk, "round": str(entry["round"]), "plot_code": line.plot.code,
             "eligible_area_mu": line.eligible_area_mu, "amount_yuan": line.amount_yuan, "colour": line.colour,
             "status": line.status, "reasons": line.reasons + line.audit_reasons}
            for entry in queries.my_rounds(farmer) for line in entry["lines"]]


@router.post("/rounds/{round_id}/claim", response={201: ClaimOut}, summary="确认申领预核定地块")
def claim(request, round_id: int):
    farmer = queries.farmer_of(request.user)
    entry = next((e for e in (queries.my_rounds(farmer) if farmer else []) if e["round"].pk == round_id), None)
    if entry is None:
        raise Http404("没有这个补贴批次")
    made = services.claim_plots(entry["round"], actor=request.user)
    return 201, {"id": made.pk, "status": made.status, "plots": made.lines.count()}
