"""The catalogue of matters and the ratings (好差评) after a matter is handled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from ..catalogue import CATALOGUE
from ..models import Matter


@transaction.atomic
def load_catalogue(*, actor, entries=CATALOGUE) -> dict[str, int]:
    """Create or update the catalogue's matters from ``entries`` (by code); a change is audited per matter."""
    require(actor, "small_matters.catalogue.manage")
    created = changed = 0
    for position, entry in enumerate(entries, start=1):
        values = {"name": entry.name, "stage": entry.stage, "department": entry.department, "path": entry.path,
                  "materials": list(entry.materials), "steps": list(entry.steps),
                  "materials_before": entry.materials_before, "time_limit_days": entry.time_limit_days,
                  "days_before": entry.days_before, "situations": list(entry.situations), "basis": entry.basis,
                  "position": position}
        if entry.materials_before < len(entry.materials) or entry.days_before < entry.time_limit_days:
            raise ValidationError({"materials_before": _("事项 {code}：改革前的材料数和时限不能少于现在的").format(
                code=entry.code)}, code="invalid")
        matter = Matter.objects.filter(code=entry.code).first()
        if matter is None:
            matter = Matter.objects.create(code=entry.code, **values)
            created += 1
        elif any(getattr(matter, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(matter, key, value)
            matter.save()
            changed += 1
        else:
            continue
        audit.record("small_matters.matter.saved", actor=actor, target=matter, data={"code": matter.code})
    return {"created": created, "changed": changed}



def _subject_of(subject) -> tuple[str, str, object]:
    """(rating key, matter code, region) of a handled object the person may rate; a clear error otherwise."""
    from ..choices import ClaimStatus, RegistrationStatus
    from ..models import BenefitClaim, ResidenceRegistration

    if isinstance(subject, BenefitClaim):
        if subject.status not in (ClaimStatus.APPROVED, ClaimStatus.REJECTED):
            raise ValidationError({"subject": _("办结后才能评价")}, code="not_finished")
        return f"claim:{subject.pk}", "unemployment_benefit", subject.region
    if isinstance(subject, ResidenceRegistration):
        if subject.status == RegistrationStatus.SUBMITTED:
            raise ValidationError({"subject": _("办结后才能评价")}, code="not_finished")
        return f"residence:{subject.pk}", "residence_registration", subject.region
    raise ValidationError({"subject": _("该办件不能评价")}, code="invalid")


@transaction.atomic
def rate_matter(subject, *, grade: str, comment: str = "", actor):
    """The person rates a handled matter (好差评, five grades); a bad rating opens a rectification case for the
    department that owns the matter."""
    from zhili.core.cases.api import open_case
    from zhili.core.orgs.api import Organization, OrganizationKind

    from ..choices import RatingGrade
    from ..models import Rating

    require(actor, "small_matters.matter.rate", subject)
    key, code, region = _subject_of(subject)
    if grade not in RatingGrade.values:
        raise ValidationError({"grade": _("请选择评价等级")}, code="invalid")
    if Rating.objects.filter(subject=key).exists():
        raise ValidationError({"grade": _("该办件已评价")}, code="duplicate")
    matter = Matter.objects.filter(code=code).first()
    if matter is None:
        raise ValidationError({"subject": _("事项目录中没有事项 {code}").format(code=code)}, code="unknown_matter")
    comment = (comment or "").strip()[:500]
    if int(grade) <= 2 and not comment:
        raise ValidationError({"comment": _("差评请写明不满意的原因，以便整改")}, code="required")
    rating = Rating.objects.create(matter=matter, person=actor, subject=key, grade=grade, comment=comment)
    if rating.is_bad:
        office = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=matter.department, region=region)
                  .first() or Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, region=region)
                  .filter(name__in=["发改委", "人力资源和社会保障局", "公安局"]).first())
        if office is not None:
            rating.case = open_case("small_matters.bad_rating", title=_("差评整改：{matter}").format(
                matter=matter.name)[:200], region=region, actor=actor, requester=actor, subject=rating,
                organization=office, description=comment)
            rating.save(update_fields=["case", "updated_at"])
    audit.record("small_matters.rating.given", actor=actor, target=rating,
                 data={"matter": matter.code, "grade": grade, "case": rating.case.number if rating.case else None})
    return rating
