"""Supplementary agreements (变更协议, Art. 35): the template, drafting one, applying it once signed."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from .. import documents
from ..choices import (
    ContractRelation,
    ContractStatus,
    DocumentKind,
    TemplateKind,
    TermType,
    WorkingHourSystem,
)
from ..models import (
    ContractTemplate,
    LaborContract,
    TemplateVersion,
)
from ..rules import (
    check_contract,
)
from .common import CONTRACT_FIELDS, _contract_values, _fresh, _new_number, _record_change, _require_concluded
from .contracts import rule_data

SUPPLEMENTARY_TEMPLATE_PATH = Path(documents.__file__).parent / "templates" / "labor_contract" / "supplementary_default.html"


# Terms a supplementary agreement may change (Art. 35), with the label shown in the agreement.
AMENDABLE_FIELDS = {
    "job_title": _("工作岗位"),
    "work_place": _("工作地点"),
    "working_hour_system": _("工时制度"),
    "monthly_wage": _("月工资（元）"),
    "end_date": _("合同终止日期"),
}


def supplementary_template_version() -> TemplateVersion:
    """The platform's supplementary-agreement template (created from the bundled text on first use)."""
    template = ContractTemplate.objects.filter(kind=TemplateKind.SUPPLEMENTARY, employer=None).first()
    if template is not None and (version := template.current_version()) is not None:
        return version
    template = template or ContractTemplate.objects.create(name=_("劳动合同变更协议（通用）"), kind=TemplateKind.SUPPLEMENTARY)
    return TemplateVersion.objects.create(template=template, number=1,
                                          body=SUPPLEMENTARY_TEMPLATE_PATH.read_text(encoding="utf-8"),
                                          basis=_("《劳动合同法》第三十五条：变更劳动合同，应当采用书面形式"))


def _shown(field: str, value) -> str:
    if value in (None, ""):
        return ""
    if field == "working_hour_system":
        return str(WorkingHourSystem(value).label)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@transaction.atomic
def amend_contract(contract: LaborContract, changes: dict, *, actor, effective_on: dt.date | None = None,
                   note: str = "") -> LaborContract:
    """变更: a draft supplementary agreement to ``contract`` listing the changed terms; send and sign it like a
    contract (worker, then seal). The contract's terms change when the agreement is completed.

    An internal change of post (内部调岗) is an amendment of ``job_title`` and ``work_place``.
    """
    require(actor, "labor_contract.contract.create", contract.employer)
    contract = _fresh(contract)
    _require_concluded(contract, _("变更"))
    unknown = sorted(set(changes) - set(AMENDABLE_FIELDS))
    if unknown:
        raise ValidationError({"changes": _("不能通过变更协议修改：{fields}").format(fields="、".join(unknown))},
                              code="not_amendable")
    amendments = [{"field": f, "label": str(AMENDABLE_FIELDS[f]), "old": _shown(f, getattr(contract, f)),
                   "new": _shown(f, value)} for f, value in changes.items() if value != getattr(contract, f)]
    if not amendments:
        raise ValidationError({"changes": _("变更内容：至少要有一项与原合同不同")}, code="no_change")
    merged = {**_contract_values(contract), **changes}
    errors: dict[str, list[str]] = {}
    for violation in check_contract(rule_data(merged, contract.employer, with_history=False)):
        if violation.severity == "error" and violation.field in changes:
            errors.setdefault(violation.field, []).append(str(violation))
    if errors:
        raise ValidationError(errors)
    if contract.term_type == TermType.FIXED_TERM and "end_date" in changes and changes["end_date"] is None:
        raise ValidationError({"end_date": _("固定期限劳动合同必须写明终止日期（《劳动合同法》第十三条）")})
    count = contract.successors.filter(relation=ContractRelation.AMENDMENT).count() + 1
    agreement = LaborContract(
        number=_new_number(), employer=contract.employer, template_version=supplementary_template_version(),
        worker=contract.worker, document_kind=DocumentKind.SUPPLEMENTARY, previous_contract=contract,
        relation=ContractRelation.AMENDMENT, amendments=amendments, status=ContractStatus.DRAFT,
        work_region=contract.work_region, created_by=actor if getattr(actor, "pk", None) else None,
        idempotency_key=f"{contract.idempotency_key}:amend:{count}"[:120],
        **{name: merged[name] for name in CONTRACT_FIELDS if merged.get(name) not in (None, "")})
    agreement.start_date = effective_on or timezone.localdate()
    agreement.probation_months, agreement.probation_end_date = 0, None
    agreement.save()
    _record_change(agreement, "", ContractStatus.DRAFT, actor=actor,
                   note=_("变更协议：{number}").format(number=contract.number))
    _record_change(contract, contract.status, contract.status, actor=actor,
                   note=_("拟订变更协议 {number}：{fields}").format(
                       number=agreement.number, fields="、".join(a["label"] for a in amendments))[:500])
    audit.record("labor_contract.contract.amendment_drafted", actor=actor, target=contract,
                 data={"agreement": agreement.number, "amendments": amendments, "note": note[:500]})
    events.publish("labor_contract.contract.created", contract_id=agreement.pk, employer_id=contract.employer_id)
    return agreement
