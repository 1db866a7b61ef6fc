"""The real-name roster (实名制): a worker's entry with ID check, team, trade, rate and bank card; the exit."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, birth_date_from_id, events, pii, validate_id_number
from zhili.core.identity.api import Role, User, add_membership, create_person, require

from ..models import Project, RosterEntry, Team
from .common import evidence, money, required

MINIMUM_AGE = 16  # 《劳动法》第十五条：禁止用人单位招用未满十六周岁的未成年人


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _bank_card(value: str) -> str:
    card = (value or "").replace(" ", "")
    if not (card.isdigit() and 12 <= len(card) <= 19):
        raise ValidationError({"bank_card": _("工资卡号须为 12 至 19 位数字")}, code="invalid")
    return card


def _person(*, name: str, id_number: str, phone: str, actor) -> User:
    """The platform's person with this ID number (the name must match), or a new one (实名核验)."""
    validate_id_number(id_number)
    existing = User.objects.by_id_number(pii.normalise(id_number)).first()
    if existing is None:
        person = create_person(name=name, id_number=id_number, phone=phone, actor=actor)
    elif existing.name.strip() != name:
        raise ValidationError({"name": _("姓名与身份证号码登记的姓名不一致")}, code="mismatch")
    else:
        person = existing
    add_membership(person, role=Role.WORKER, actor=actor)
    return person


@transaction.atomic
def register_worker(project: Project, *, team: Team, name: str, id_number: str, phone: str = "", badge: str,
                    trade: str, daily_rate, bank_name: str, bank_card: str, entered_on: dt.date,
                    contract_reference: str = "", actor) -> RosterEntry:
    """Register a worker on the project (进场实名登记): ID checked, of working age, one open entry per project."""
    require(actor, "wage_guard.team.keep", team)
    if team.project_id != project.pk:
        raise ValidationError({"team": _("班组不属于本项目")}, code="other_project")
    name = required(name, "name", _("姓名"), 50)
    badge = required(badge, "badge", _("考勤工号"), 20)
    trade = required(trade, "trade", _("工种"), 50)
    bank_name = required(bank_name, "bank_name", _("开户银行"), 100)
    rate = money(daily_rate, "daily_rate", label=_("约定日工资"))
    card = _bank_card(bank_card)
    try:
        validate_id_number(id_number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}, code="invalid") from None
    if _age_on(birth_date_from_id(pii.normalise(id_number)), entered_on) < MINIMUM_AGE:
        raise ValidationError({"id_number": _("未满 16 周岁，不得招用（《劳动法》第十五条）")}, code="under_age")
    if entered_on < project.start_date:
        raise ValidationError({"entered_on": _("进场日期早于项目开工日期")}, code="before_start")
    if RosterEntry.objects.filter(project=project, badge=badge).exists():
        raise ValidationError({"badge": _("考勤工号 {b} 已在本项目使用").format(b=badge)}, code="duplicate")
    person = _person(name=name, id_number=id_number, phone=phone, actor=actor)
    if RosterEntry.objects.filter(project=project, worker=person, exited_on__isnull=True).exists():
        raise ValidationError({"id_number": _("该工人已在本项目登记且未退场")}, code="duplicate")
    entry = RosterEntry.objects.create(
        project=project, team=team, worker=person, badge=badge, trade=trade, daily_rate=rate, bank_name=bank_name,
        bank_card=card, entered_on=entered_on, contract_reference=(contract_reference or "")[:64])
    data = {"project": project.pk, "worker": person.pk, "badge": badge, "team": team.pk,
            "entered_on": entered_on.isoformat(), "daily_rate": str(rate)}
    audit.record("wage_guard.worker.entered", actor=actor, target=entry, data=data)
    evidence("wage_guard.worker.entered", entry, actor, data)
    events.publish("wage_guard.worker.entered", entry_id=entry.pk, project_id=project.pk, worker_id=person.pk)
    return entry


@transaction.atomic
def exit_worker(entry: RosterEntry, *, exited_on: dt.date, actor) -> RosterEntry:
    """Record the worker's exit (退场); attendance after it is refused."""
    require(actor, "wage_guard.team.keep", entry.team)
    entry = RosterEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.exited_on is not None:
        raise ValidationError({"exited_on": _("该工人已于 {d} 退场").format(d=entry.exited_on)}, code="already_exited")
    if exited_on < entry.entered_on:
        raise ValidationError({"exited_on": _("退场日期早于进场日期")}, code="order")
    last = entry.attendance.order_by("-day").values_list("day", flat=True).first()
    if last and last > exited_on:
        raise ValidationError({"exited_on": _("{d} 仍有考勤记录，退场日期不能早于该日").format(d=last)}, code="attendance_after")
    entry.exited_on = exited_on
    entry.save(update_fields=["exited_on", "updated_at"])
    data = {"project": entry.project_id, "worker": entry.worker_id, "exited_on": exited_on.isoformat()}
    audit.record("wage_guard.worker.exited", actor=actor, target=entry, data=data)
    evidence("wage_guard.worker.exited", entry, actor, data)
    return entry


def employer_of(entry: RosterEntry):
    """The worker's employer on the project: the team's subcontractor, or the general contractor."""
    team = entry.team
    return team.subcontract.contractor if team.subcontract_id else entry.project.general_contractor


@transaction.atomic
def request_labor_contract(entry: RosterEntry, *, actor) -> RosterEntry:
    """The worker asks for a labour contract (MWR Art. 28: none on record). The scene publishes
    ``wage_guard.contract.requested`` for the labour-contract scene and tells the team lead and the labour manager."""
    from zhili.core.notify.api import send_in_app

    # of=("self",): only the entry is locked; PostgreSQL refuses FOR UPDATE on the nullable side of the outer
    # joins (the team's subcontract, the project's labour manager).
    entry = RosterEntry.objects.select_for_update(of=("self",)).select_related(
        "project__general_contractor", "project__labor_manager", "team__subcontract__contractor", "team__leader",
        "worker").get(pk=entry.pk)
    if entry.worker_id != actor.pk:
        raise ValidationError({"entry": _("只能为本人申请签订劳动合同")}, code="not_own")
    if entry.exited_on is not None:
        raise ValidationError({"entry": _("已退场，无需申请")}, code="exited")
    if entry.contract_reference:
        raise ValidationError({"entry": _("已有劳动合同 {n}").format(n=entry.contract_reference)}, code="has_contract")
    if entry.contract_requested_at is not None:
        raise ValidationError({"entry": _("已于 {d} 申请，请等待用人单位发起签约").format(
            d=timezone.localtime(entry.contract_requested_at).strftime("%Y-%m-%d"))}, code="already_requested")
    entry.contract_requested_at = timezone.now()
    entry.save(update_fields=["contract_requested_at", "updated_at"])
    employer = employer_of(entry)
    data = {"entry": entry.pk, "project": entry.project_id, "employer": employer.pk}
    audit.record("wage_guard.contract.requested", actor=actor, target=entry, data=data)
    params = {"name": entry.worker.name, "project": entry.project.name, "team": entry.team.name,
              "employer": employer.name}
    for person in {p for p in (entry.team.leader, entry.project.labor_manager) if p is not None}:
        send_in_app(person, "wage_guard_contract_requested", params,
                    dedup_key=f"wage_guard:contract_request:{entry.pk}:{person.pk}", actor=actor)
    events.publish("wage_guard.contract.requested", entry_id=entry.pk, worker_id=entry.worker_id,
                   employer_id=employer.pk, employer_uscc=employer.uscc or "", project_id=entry.project_id,
                   project_name=entry.project.name, trade=entry.trade, daily_rate=str(entry.daily_rate),
                   entered_on=entry.entered_on.isoformat())
    return entry


@transaction.atomic
def record_labor_contract(*, worker_id: int, employer_id: int, number: str) -> list[RosterEntry]:
    """A labour contract of ``worker_id`` with ``employer_id`` took effect (``labor_contract.contract.completed``):
    it is put on the worker's open roster entries with that employer that have none; returns the entries changed."""
    changed = []
    entries = (RosterEntry.objects.select_for_update(of=("self",)).filter(worker_id=worker_id, exited_on__isnull=True,
                                                               contract_reference="")
               .select_related("project", "team__subcontract"))
    for entry in entries:
        if employer_of(entry).pk != employer_id:
            continue
        entry.contract_reference = str(number)[:64]
        entry.save(update_fields=["contract_reference", "updated_at"])
        audit.record("wage_guard.contract.linked", actor="event:labor_contract.contract.completed", target=entry,
                     data={"entry": entry.pk, "contract": entry.contract_reference})
        changed.append(entry)
    return changed
