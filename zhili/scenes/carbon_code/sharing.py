"""What the 碳效码 scene offers for sharing: an enterprise's carbon-efficiency figures of a year, which a bank reads
only under the enterprise's own grant (core.sharing's organisation grant), e.g. when the enterprise applies for a
carbon-efficiency loan. No person's document is offered."""

import re

from zhili.core.sharing.api import DataScope, SharedField

EFFICIENCY = "carbon_code.efficiency"
GRANT_DAYS = 90  # how long the bank may read after an application; the enterprise may revoke earlier

FIELDS = (
    SharedField("period", "评价年度"), SharedField("label", "碳效等级"), SharedField("grade", "等级"),
    SharedField("level", "碳效水平"), SharedField("intensity", "单位增加值碳排放 L（t/万元）"),
    SharedField("industry_intensity", "行业单位增加值碳排放（t/万元）"), SharedField("k_value", "碳效值 K"),
    SharedField("neutrality", "碳中和率"), SharedField("net_t", "净排放（tCO2）"),
    SharedField("value_added", "增加值（万元）"), SharedField("industry_code", "行业大类"),
)


def _result(enterprise, year: str):
    from .models import CarbonResult

    return CarbonResult.objects.filter(enterprise=enterprise, period=year, status="graded").first()


def _check_subject(enterprise, subject: str) -> str:
    if not re.fullmatch(r"\d{4}", subject):
        raise ValueError("评价年度须为四位年份，如 2025")
    if _result(enterprise, subject) is None:
        raise ValueError(f"本企业 {subject} 年没有碳效等级，不能授权")
    return subject


def read_efficiency(enterprise, year: str) -> dict | None:
    """The enterprise's graded figures of ``year``, as the bank sees them (None when there are none)."""
    result = _result(enterprise, year)
    if result is None:
        return None
    return {"period": result.period, "label": result.label, "grade": result.grade, "level": result.level,
            "intensity": str(result.intensity), "industry_intensity": str(result.industry_intensity),
            "k_value": str(result.k_value), "neutrality": str(result.neutrality), "net_t": str(result.net_t),
            "value_added": str(result.value_added), "industry_code": result.industry_code}


def _consent(enterprise, bank, year: str) -> str:
    return (f"本单位（{enterprise.name}，统一社会信用代码 {enterprise.uscc}）同意 {bank.name} 为审批碳效贷，"
            f"查阅本单位 {year} 年度的碳效评价结果，有效期 {GRANT_DAYS} 天。")


DOCUMENT_TYPES: list = []
DATA_SCOPES = [
    DataScope(code=EFFICIENCY, name="企业年度碳效数据", fields=FIELDS, read=read_efficiency, consent=_consent,
              check_subject=_check_subject, max_days=365),
]
