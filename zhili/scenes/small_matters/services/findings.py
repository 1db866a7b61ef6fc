"""Experience officers (体验员): a finding on a matter becomes a case for the department that owns the matter.

The officer files what happened, where and when, with at most ``MAX_PHOTOS`` photos of at most ``MAX_PHOTO_BYTES``
each (checked to be images before anything is written). The case (``small_matters.finding``, core's closed loop
with working-day deadlines) goes to the matter's department in the officer's region, or to 发改委 there, which
coordinates the catalogue; the department answers on the case page and the officer reads the answer on the
finding's page.
"""

import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import Membership, require

from ..models import Finding, Matter
from ..roles import EXPERIENCE

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
COORDINATOR = "发改委"


def officer_region(user):
    """The region an experience officer serves (their membership's), or None."""
    membership = (Membership.objects.filter(user=user, role=EXPERIENCE, is_active=True, region__isnull=False)
                  .select_related("region").first())
    return membership.region if membership else None


def owning_department(matter: Matter, region):
    """The department that owns ``matter`` in ``region`` or the nearest region above it, else 发改委 there."""
    from zhili.core.orgs.api import Organization, OrganizationKind

    regions = []
    while region is not None:
        regions.append(region)
        region = region.parent
    departments = Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, region__in=regions)
    for name in (matter.department, COORDINATOR):
        found = {o.region_id: o for o in departments.filter(name=name)}
        for candidate in regions:
            if candidate.pk in found:
                return found[candidate.pk]
    return None


def _checked_photos(photos) -> list[tuple[str, bytes]]:
    from PIL import Image, UnidentifiedImageError

    photos = [p for p in (photos or []) if p is not None]
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("照片：最多 {n} 张").format(n=MAX_PHOTOS)}, code="too_many")
    checked = []
    for photo in photos:
        if photo.size > MAX_PHOTO_BYTES:
            raise ValidationError({"photos": _("照片：每张不超过 {mb} MB").format(mb=MAX_PHOTO_BYTES // 1024 // 1024)},
                                  code="too_large")
        data = photo.read()
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                kind = image.format
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise ValidationError({"photos": _("照片：{name} 不是图片").format(name=photo.name)},
                                  code="not_image") from None
        if kind not in ("JPEG", "PNG", "WEBP"):
            raise ValidationError({"photos": _("照片：只接受 JPEG、PNG 或 WebP")}, code="not_image")
        checked.append((photo.name.rsplit("/", 1)[-1][:100] or "photo", data))
    return checked


@transaction.atomic
def file_finding(*, matter: Matter, place: str, happened_on: dt.date, description: str, photos=(), actor) -> Finding:
    """The officer files a finding; it opens a case for the owning department (one transaction, audited)."""
    from zhili.core.cases.api import attach_file, open_case

    require(actor, "small_matters.finding.file")
    region = officer_region(actor)
    if region is None:
        raise ValidationError({"matter": _("您没有体验员的服务区划，请联系发改委")}, code="no_region")
    place = (place or "").strip()
    description = (description or "").strip()
    if not place:
        raise ValidationError({"place": _("体验地点：不能为空")}, code="required")
    if len(place) > 120:
        raise ValidationError({"place": _("体验地点：不能超过 120 个字")}, code="max_length")
    if len(description) < 10:
        raise ValidationError({"description": _("发现的问题：请至少写 10 个字，说清经过")}, code="min_length")
    if len(description) > 2000:
        raise ValidationError({"description": _("发现的问题：不能超过 2000 个字")}, code="max_length")
    today = timezone.localdate()
    if happened_on is None or happened_on > today or happened_on < today - dt.timedelta(days=90):
        raise ValidationError({"happened_on": _("体验日期：须在今天及之前 90 天内")}, code="invalid")
    checked = _checked_photos(photos)
    department = owning_department(matter, region)
    if department is None:
        raise ValidationError({"matter": _("{region}没有登记“{department}”或发改委，无法转办").format(
            region=region.name, department=matter.department)}, code="no_department")
    case = open_case("small_matters.finding", title=_("体验员发现：{matter}").format(matter=matter.name)[:200],
                     region=region, actor=actor, requester=actor, organization=department,
                     description=f"{happened_on:%Y-%m-%d} {place}\n{description}")
    finding = Finding.objects.create(officer=actor, matter=matter, region=region, place=place,
                                     happened_on=happened_on, description=description, photos=len(checked),
                                     case=case)
    for name, data in checked:
        attach_file(case, actor=actor, file=data, name=name)
    audit.record("small_matters.finding.filed", actor=actor, target=finding,
                 data={"matter": matter.code, "case": case.number, "department": department.pk,
                       "photos": len(checked)})
    events.publish("small_matters.finding.filed", finding_id=finding.pk)
    return finding
