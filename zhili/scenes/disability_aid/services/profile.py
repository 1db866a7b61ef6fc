"""一人一档: the services, employment and satisfaction marks on a person's profile (atomic, audited)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from ..choices import EmploymentForm, Mark, ServiceKind
from ..models import Employment, Person, Satisfaction, ServiceRecord


def _past_day(value, field: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError({field: _("须为日期")}, code="invalid")
    if value > timezone.localdate():
        raise ValidationError({field: _("不能晚于今天")}, code="future")
    return value


def _choice(value, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: _("不是可选的值")}, code="invalid_choice")
    return value


def _text(value, field: str, limit: int, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("必填")}, code="required")
    if len(text) > limit:
        raise ValidationError({field: _("不能超过 {n} 个字").format(n=limit)}, code="max_length")
    return text


@transaction.atomic
def record_service(person: Person, *, actor, kind: str, provided_on: dt.date, provider: str,
                   notes: str) -> ServiceRecord:
    """Add a service (an assistive device is kind ``device``) to the person's profile."""
    require(actor, "disability_aid.person.serve", person)
    record = ServiceRecord.objects.create(
        person=person, kind=_choice(kind, ServiceKind, "kind"), provided_on=_past_day(provided_on, "provided_on"),
        provider=_text(provider, "provider", 100), notes=_text(notes, "notes", 500), recorded_by=actor)
    audit.record("disability_aid.service.recorded", actor=actor, target=record,
                 data={"person": person.key, "kind": kind, "on": provided_on.isoformat()})
    return record


@transaction.atomic
def record_employment(person: Person, *, actor, employer: str, form: str, since: dt.date,
                      until: dt.date | None = None, organization=None) -> Employment:
    """Record where and how the person works (``until`` once it ended); ``organization``, the employer registered
    on the platform, makes the employment count in its quota review."""
    require(actor, "disability_aid.person.serve", person)
    since = _past_day(since, "since")
    if until is not None and _past_day(until, "until") < since:
        raise ValidationError({"until": _("终止日期不能早于起始日期")}, code="before_since")
    employment = Employment.objects.create(person=person, employer=_text(employer, "employer", 100),
                                           organization=organization,
                                           form=_choice(form, EmploymentForm, "form"), since=since, until=until,
                                           recorded_by=actor)
    audit.record("disability_aid.employment.recorded", actor=actor, target=employment,
                 data={"person": person.key, "form": form, "since": since.isoformat()})
    return employment


@transaction.atomic
def give_satisfaction(person: Person, *, actor, mark: str, comment: str = "") -> Satisfaction:
    """The person's own mark (笑脸) on their page: only the person whose verified ID number the profile holds."""
    if (not person.id_number_index or not getattr(actor, "verified_at", None)
            or getattr(actor, "id_number_index", "") != person.id_number_index):
        raise PermissionDenied(_("只有本人可以评价"))
    satisfaction = Satisfaction.objects.create(person=person, mark=_choice(mark, Mark, "mark"),
                                               comment=_text(comment, "comment", 500, required=False))
    audit.record("disability_aid.satisfaction.given", actor=actor, target=satisfaction,
                 data={"person": person.key, "mark": mark})
    return satisfaction
