"""The registry: agencies, workers (identity encrypted, one agency at a time), customers, and check results."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events, pii, validate_id_number, validate_mobile
from zhili.core.identity.api import Role, add_membership, require
from zhili.core.orgs.api import register_enterprise

from ..choices import BackgroundCheck
from ..matching import grid_cell
from ..models import Agency, Customer, Worker
from ..roles import AGENCY_ADMIN, CUSTOMER, WORKER
from . import common


@transaction.atomic
def register_agency(*, region, name: str, uscc: str, licence_number: str, services, area: str = "",
                    admins=(), actor) -> Agency:
    """Register a housekeeping agency (its enterprise by USCC) and give its administrators their role."""
    require(actor, "housekeeping.agency.register", region)
    name = common.required(name, "name", _("机构名称"))
    licence_number = common.required(licence_number, "licence_number", _("营业执照或备案编号"))
    services = common.skills(services, "services")
    organization = register_enterprise(name=name, uscc=uscc, region=region, actor=None)
    if Agency.objects.filter(organization=organization).exists():
        raise ValidationError({"uscc": _("该统一社会信用代码的机构已登记")}, code="duplicate")
    agency = Agency.objects.create(organization=organization, region=region, name=name,
                                   licence_number=licence_number, services=services, area=(area or "")[:200])
    for user in admins:
        add_membership(user, role=AGENCY_ADMIN, organization=organization, region=region, actor=None)
        # The agency's administrator applies its seal to the three-party contracts (core.esign's seal roles).
        add_membership(user, role=Role.EMPLOYER_ADMIN, organization=organization, region=region, actor=None)
    audit.record("housekeeping.agency.registered", actor=actor, target=agency,
                 data={"uscc": organization.uscc, "services": services})
    events.publish("housekeeping.agency.registered", agency_id=agency.pk)
    return agency


def _date(value, field: str, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: _("{label}须为日期（年-月-日）").format(label=label)}, code="invalid") from None


@transaction.atomic
def register_worker(*, agency: Agency, name: str, id_number: str, phone: str, skills, hourly_price, latitude,
                    longitude, languages=(), certificates=(), years_of_service: int = 0, training_hours: int = 0,
                    service_radius_km=5, health_certificate_expires=None, insurance_expires=None, user=None,
                    actor) -> Worker:
    """Register a housekeeper at ``agency``; a person may be on the books of only one agency at a time.

    The identity number and phone are stored encrypted (the number with a blind index); the worker's code starts
    yellow (background check pending) until the codes are recomputed with the checks.
    """
    require(actor, "housekeeping.worker.register", agency)
    name = common.required(name, "name", _("姓名"))
    id_number = common.required(id_number, "id_number", _("身份证号码")).upper()
    try:
        validate_id_number(id_number)
    except ValidationError as problem:
        raise ValidationError({"id_number": problem.messages}, code="invalid") from None
    try:
        validate_mobile(phone)
    except ValidationError as problem:
        raise ValidationError({"phone": problem.messages}, code="invalid") from None
    other = Worker.objects.filter(id_number_index=pii.blind_index(id_number), active=True).select_related(
        "agency").first()
    if other is not None:
        raise ValidationError({"id_number": _("此人已在「{agency}」在册，须先由该机构办理离职注销").format(
            agency=other.agency.name)}, code="registered_elsewhere")
    skills = common.skills(skills)
    latitude, longitude = common.location(latitude, longitude)
    price = common.money(hourly_price, "hourly_price", _("每小时价格"))
    worker = Worker(agency=agency, region=agency.region, code_key="", name=name, phone=phone, skills=skills,
                    languages=common.languages(languages), certificates=list(certificates or []),
                    years_of_service=int(years_of_service or 0), training_hours=int(training_hours or 0),
                    service_radius_km=service_radius_km,
                    health_certificate_expires=_date(health_certificate_expires, "health_certificate_expires",
                                                     _("健康证有效期")),
                    insurance_expires=_date(insurance_expires, "insurance_expires", _("保险有效期")),
                    latitude=latitude, longitude=longitude, hourly_price=price, user=user)
    worker.id_number = id_number
    worker.cell = grid_cell(latitude, longitude)
    worker.save()
    worker.code_key = f"HK{worker.pk:08d}"
    worker.save(update_fields=["code_key"])
    if user is not None:
        add_membership(user, role=WORKER, organization=agency.organization, region=agency.region, actor=None)
    audit.record("housekeeping.worker.registered", actor=actor, target=worker,
                 data={"agency": agency.pk, "skills": skills})
    events.publish("housekeeping.worker.registered", worker_id=worker.pk, agency_id=agency.pk)
    return worker


@transaction.atomic
def register_customer(*, user, region, name: str, phone: str, address: str, latitude, longitude,
                      actor) -> Customer:
    """Register a household as a customer; an address that cannot be located is refused, not guessed."""
    if actor != user:
        require(actor, "housekeeping.agency.register", region)
    name = common.required(name, "name", _("姓名"))
    address = common.required(address, "address", _("服务地址"))
    latitude, longitude = common.location(latitude, longitude)
    customer = Customer.objects.create(user=user, region=region, name=name, phone=phone, address=address[:300],
                                       latitude=latitude, longitude=longitude)
    add_membership(user, role=CUSTOMER, region=region, actor=None)
    audit.record("housekeeping.customer.registered", actor=actor, target=customer, data={})
    return customer


@transaction.atomic
def record_checks(worker: Worker, *, actor, background_check: str | None = None,
                  health_certificate_expires=None, insurance_expires=None) -> Worker:
    """Record check results that arrived (公安 conclusion, health certificate, insurance); the code follows on recompute."""
    require(actor, "housekeeping.checks.record", worker)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    changed = {}
    if background_check is not None:
        if background_check not in BackgroundCheck.values:
            raise ValidationError({"background_check": _("公安背景核查结论不在可选范围内")}, code="invalid_choice")
        worker.background_check = background_check
        changed["background_check"] = "recorded"  # the conclusion itself stays out of the audit data
    if health_certificate_expires is not None:
        worker.health_certificate_expires = _date(health_certificate_expires, "health_certificate_expires",
                                                  _("健康证有效期"))
        changed["health_certificate_expires"] = str(worker.health_certificate_expires)
    if insurance_expires is not None:
        worker.insurance_expires = _date(insurance_expires, "insurance_expires", _("保险有效期"))
        changed["insurance_expires"] = str(worker.insurance_expires)
    worker.save(update_fields=["background_check", "health_certificate_expires", "insurance_expires",
                               "updated_at"])
    audit.record("housekeeping.worker.checks_recorded", actor=actor, target=worker, data=changed)
    events.publish("housekeeping.worker.checks_recorded", worker_id=worker.pk)
    return worker
