"""The 碳效码 scene's JSON API under /api/v1/carbon_code/ (in the OpenAPI document), with the pages' checks."""

from decimal import Decimal

from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries

router = Router(tags=["碳效码"])


class ResultOut(Schema):
    id: int
    uscc: str
    enterprise: str
    period: str
    industry_code: str
    status: str
    gross_t: Decimal | None
    offset_t: Decimal | None
    net_t: Decimal | None
    value_added: Decimal | None
    intensity: Decimal | None
    industry_intensity: Decimal | None
    k_value: Decimal | None
    grade: str
    level: str
    neutrality: Decimal | None
    problems: list[str]


def _out(r) -> dict:
    return {"id": r.pk, "uscc": r.enterprise.uscc, "enterprise": r.enterprise.name, "period": r.period,
            "industry_code": r.industry_code, "status": r.status, "gross_t": r.gross_t, "offset_t": r.offset_t,
            "net_t": r.net_t, "value_added": r.value_added, "intensity": r.intensity,
            "industry_intensity": r.industry_intensity, "k_value": r.k_value, "grade": r.grade, "level": r.level,
            "neutrality": r.neutrality, "problems": [queries.problem_text(p) for p in r.problems]}


@router.get("/results", response=list[ResultOut], summary="我可见的企业碳效结果")
def list_results(request, period: str = ""):
    if not queries.own_enterprises(request.user).exists():
        require(request.user, "carbon_code.result.view")
    results = queries.visible_results(request.user)
    if period:
        results = results.filter(period=period)
    return [_out(r) for r in results.order_by("period", "id")[:500]]


@router.get("/results/{result_id}", response=ResultOut, summary="一家企业一个评价期的碳效结果")
def get_result(request, result_id: int):
    return _out(queries.result_for(request.user, result_id))
