"""Licence changes (劳务派遣经营许可变更): the agency asks to change its name, legal representative, address
(premises) or registered capital; an officer of its area grants or refuses with reasons. A granted change updates
the enterprise and the licence in one transaction, with the old values kept on the request, audited and appended
to the evidence ledger (《劳务派遣行政许可实施办法》第十七条: changes of these particulars go through a change of the
licence)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhili.core.foundation.api import audit, events
from zhili.core.ledger import api as ledger

from ..choices import ChangeStatus, LicenceStatus
from ..models import Agency, LicenceChange
from ..rules import rule
from .common import as_decimal, authorize, digest, person, refuse

REFERENCE = "《劳务派遣行政许可实施办法》（人社部令第19号）第十七条：名称、住所、法定代表人或者注册资本等改变的，应当向许可机关提出变更申请"


@transaction.atomic
def request_licence_change(agency: Agency, *, explanation: str, new_name: str = "", new_legal_representative: str = "",
                           new_premises: str = "", new_capital=None, actor) -> LicenceChange:
    """The agency's 填报员 asks for a change; at least one particular must differ from what is registered."""
    authorize(actor, "dispatch_watch.licence.change", agency)
    agency = Agency.objects.select_for_update().select_related("organization").get(pk=agency.pk)
    if agency.licence_status != LicenceStatus.VALID:
        refuse("licence_status", f"许可状态为「{LicenceStatus(agency.licence_status).label}」，不能申请变更", "state")
    if LicenceChange.objects.filter(agency=agency, status=ChangeStatus.SUBMITTED).exists():
        refuse("status", "已有一件变更申请待审核，请待其办结后再申请", "pending")
    new_name, new_premises = (new_name or "").strip(), (new_premises or "").strip()
    new_legal_representative = (new_legal_representative or "").strip()
    capital = None
    if new_capital not in (None, ""):
        capital = as_decimal(new_capital, "new_capital", "变更后注册资本")
        minimum = rule("registered_capital_min", timezone.localdate())
        if capital < minimum.value:
            refuse("new_capital", f"变更后注册资本：不得少于 {minimum.value:.0f} 元（{minimum.reference}）", "capital")
    current = {"new_name": agency.organization.name, "new_legal_representative": agency.organization.legal_representative,
               "new_premises": agency.premises, "new_capital": agency.registered_capital}
    asked = {"new_name": new_name, "new_legal_representative": new_legal_representative, "new_premises": new_premises,
             "new_capital": capital}
    if not any(v not in ("", None) and v != current[k] for k, v in asked.items()):
        refuse("new_name", "变更事项：名称、法定代表人、住所或注册资本至少一项须与登记不同", "nothing")
    explanation = (explanation or "").strip()
    if not explanation:
        refuse("explanation", "变更事由：不能为空", "required")
    change = LicenceChange.objects.create(
        agency=agency, new_name=new_name[:200], new_legal_representative=new_legal_representative[:50],
        new_premises=new_premises[:255], new_capital=capital, explanation=explanation[:500], applicant=person(actor))
    audit.record("dispatch_watch.licence.change_requested", actor=actor, target=agency,
                 data={"change": change.pk, "fields": sorted(k for k, v in asked.items() if v not in ("", None))})
    events.publish("dispatch_watch.licence.change_requested", change_id=change.pk, agency_id=agency.pk)
    return change


@transaction.atomic
def decide_licence_change(change: LicenceChange, *, approve: bool, reason: str = "", actor) -> LicenceChange:
    """Grant (the enterprise and licence are updated together) or refuse with the reason."""
    from zhili.core.orgs.api import update_organization

    authorize(actor, "dispatch_watch.agency.manage", change.agency)
    change = LicenceChange.objects.select_for_update().get(pk=change.pk)
    agency = Agency.objects.select_for_update().select_related("organization").get(pk=change.agency_id)
    if change.status != ChangeStatus.SUBMITTED:
        refuse("status", "该变更申请已审核", "already_decided")
    reason = (reason or "").strip()
    if not approve and not reason:
        refuse("reason", "审核意见：不予变更须写明理由", "required")
    organization = agency.organization
    previous = {"name": organization.name, "legal_representative": organization.legal_representative,
                "premises": agency.premises, "registered_capital": str(agency.registered_capital)}
    if approve:
        if agency.licence_status != LicenceStatus.VALID:
            refuse("licence_status", f"许可状态为「{LicenceStatus(agency.licence_status).label}」，不能变更", "state")
        org_changes = {k: v for k, v in (("name", change.new_name),
                                         ("legal_representative", change.new_legal_representative)) if v}
        if change.new_premises:
            org_changes["address"] = change.new_premises
        if org_changes:
            update_organization(organization, actor=None, **org_changes)  # permission checked above
        if change.new_premises:
            agency.premises = change.new_premises
        if change.new_capital is not None:
            agency.registered_capital = Decimal(change.new_capital)
        agency.save(update_fields=["premises", "registered_capital", "updated_at"])
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by, change.decided_at = person(actor), timezone.now()
    change.decision_reason, change.previous = reason[:500], previous
    change.save()
    data = {"change": change.pk, "licence_no": agency.licence_no, "status": change.status, "previous": previous,
            "new": {"name": change.new_name, "legal_representative": change.new_legal_representative,
                    "premises": change.new_premises,
                    "registered_capital": str(change.new_capital) if change.new_capital is not None else ""},
            "reason": change.decision_reason}
    audit.record("dispatch_watch.licence.change_decided", actor=actor, target=agency, data=data)
    ledger.append(kind="dispatch_watch.licence.changed" if approve else "dispatch_watch.licence.change_refused",
                  subject=agency, actor=person(actor), digest=digest(data), data=data)
    _tell_agency(agency, change, actor)
    events.publish("dispatch_watch.licence.change_decided", change_id=change.pk, status=change.status)
    return change


def _tell_agency(agency: Agency, change: LicenceChange, actor) -> None:
    """The agency's 填报员 (and the applicant) learn the result in the message centre."""
    from zhili.core.identity.api import Membership
    from zhili.core.notify.api import send_in_app

    from ..roles import AGENCY

    fields = "、".join(label for label, value in (("名称", change.new_name), ("法定代表人", change.new_legal_representative),
                                                  ("住所", change.new_premises), ("注册资本", change.new_capital))
                      if value not in ("", None))
    params = {"agency": agency.name, "applied": change.created_at.date().isoformat(), "fields": fields,
              "result": "已准予变更" if change.status == ChangeStatus.APPROVED else "不予变更",
              "reason": f"审核意见：{change.decision_reason}" if change.decision_reason else ""}
    users = {m.user for m in Membership.objects.filter(organization=agency.organization, role=AGENCY, is_active=True)
             .select_related("user")} | {change.applicant}
    for user in users:
        send_in_app(user, "dispatch_watch_change_decided", params,
                    dedup_key=f"dispatch_watch:change:{change.pk}:{user.pk}", actor=actor)
