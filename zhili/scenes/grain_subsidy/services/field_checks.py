"""Field checks (外业核查): an inspector on a phone records what a plot holds on the ground, where they stood and a
photo. The photo is bounded in size and pixels, must decode as a JPEG or PNG image, and is kept with its SHA-256; the
position must be near the plot. The class found becomes the plot's current class (the ground outranks the air), and
it re-verifies a red plot under a rectification task (``rectification``)."""

import hashlib
import math

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import PHOTO_SUFFIXES, audit, check_photo
from zhili.core.identity.api import require

from ..choices import LandUse
from ..models import FieldCheck, Plot
from .rectification import reverify_after_check

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 50_000_000
NEAR_M = 300.0  # how far from the plot's outline the inspector may stand
M_PER_DEG_LAT = 111_320.0


def _distance_to_box_m(plot: Plot, lon: float, lat: float) -> float:
    """Metres from (lon, lat) to the plot's bounding box (0 inside), on a local flat approximation."""
    dx = max(plot.min_lon - lon, 0.0, lon - plot.max_lon) * M_PER_DEG_LAT * math.cos(math.radians(lat))
    dy = max(plot.min_lat - lat, 0.0, lat - plot.max_lat) * M_PER_DEG_LAT
    return math.hypot(dx, dy)


def _photo(data: bytes) -> str:
    """The photo's format (JPEG or PNG) after checking its size and content, or a ValidationError naming the rule."""
    return check_photo(data, field="photo", label=_("现场照片"), max_bytes=PHOTO_MAX_BYTES, max_pixels=PHOTO_MAX_PIXELS)


@transaction.atomic
def record_field_check(plot: Plot, *, land_use: str, lon, lat, photo: bytes, note: str = "", actor) -> FieldCheck:
    """Record an inspector's field check of ``plot``; every rule is checked before anything is written."""
    require(actor, "grain_subsidy.plot.manage", plot.region)
    if land_use not in set(LandUse.values) - {LandUse.UNSURVEYED}:
        raise ValidationError({"land_use": _("实地属性：须为监测属性之一")}, code="choice")
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise ValidationError({"lon": _("位置：须为经纬度数字（可用手机定位填写）")}, code="invalid") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90) or math.isnan(lon) or math.isnan(lat):
        raise ValidationError({"lon": _("位置：经纬度超出范围")}, code="range")
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError({"note": _("核查说明：不能超过 500 个字")}, code="max_length")
    plot = Plot.objects.select_for_update().get(pk=plot.pk)
    distance = _distance_to_box_m(plot, lon, lat)
    if distance > NEAR_M:
        raise ValidationError({"lon": _("位置：距地块 {d} 米，须在地块 {near} 米以内核查").format(
            d=round(distance), near=round(NEAR_M))}, code="far")
    kind = _photo(photo)
    digest = hashlib.sha256(photo).hexdigest()
    check = FieldCheck(plot=plot, inspector=actor, checked_at=timezone.now(), land_use=land_use, lon=lon, lat=lat,
                       distance_m=round(distance, 1), photo_sha256=digest, photo_bytes=len(photo), note=note)
    check.photo.save(f"{plot.code}-{digest[:16]}.{PHOTO_SUFFIXES[kind]}", ContentFile(photo), save=False)
    check.save()
    previous = plot.land_use
    if previous != land_use:
        plot.land_use = land_use
        plot.save(update_fields=["land_use", "updated_at"])
    audit.record("grain_subsidy.field_check.recorded", actor=actor, target=plot,
                 data={"check": check.pk, "land_use": land_use, "previous": previous, "photo_sha256": digest,
                       "lon": lon, "lat": lat, "distance_m": check.distance_m})
    reverify_after_check(check, actor=actor)
    return check
