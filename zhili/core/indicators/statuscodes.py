"""Status codes (码): an entity's current level as a QR code whose payload is signed.

The payload names the system, the entity, the level and when the code was issued and expires, signed with
the platform's secret key (HMAC-SHA256 via ``django.core.signing``, with its own salt). A scan checks the
signature (forged), the expiry (stale) and that the level is still the entity's current one (stale).
"""

import datetime as dt
import io
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone

from .choices import Level
from .models import EntityLevel

SALT = "zhili.indicators.status_code"
DEFAULT_TTL = dt.timedelta(hours=24)


@dataclass(frozen=True)
class StatusCodeCheck:
    """What a scan found: whether the code is genuine and current, and if so which level it shows."""

    valid: bool
    reason: str
    system: str = ""
    entity: str = ""
    level: str = ""
    issued_at: dt.datetime | None = None

    @property
    def level_choice(self) -> Level | None:
        return Level(self.level) if self.level else None


def status_code_payload(system: str, entity: str, level: str, issued_at: dt.datetime,
                        expires_at: dt.datetime) -> str:
    """The signed token carried by the QR code."""
    body = {"s": system, "e": entity, "l": level, "i": int(issued_at.timestamp()), "x": int(expires_at.timestamp())}
    return signing.dumps(body, salt=SALT, compress=True)


def issue_status_code(system: str, entity: str, *, ttl: dt.timedelta = DEFAULT_TTL) -> str:
    """A token for the entity's current level (no level yet counts as none/green)."""
    current = EntityLevel.objects.filter(system_code=system, entity_key=entity).first()
    now = timezone.now()
    return status_code_payload(system, entity, current.level if current else Level.NONE, now, now + ttl)


def check_status_code(token: str) -> StatusCodeCheck:
    """Verify a scanned token: forged, expired, superseded, or valid with its level."""
    try:
        body = signing.loads(token, salt=SALT)
        system, entity, level, issued, expires = body["s"], body["e"], body["l"], body["i"], body["x"]
        Level(level)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return StatusCodeCheck(False, "伪造或过期：签名无效")
    issued_at = dt.datetime.fromtimestamp(issued, tz=dt.UTC)
    if timezone.now().timestamp() > expires:
        return StatusCodeCheck(False, "伪造或过期：码已过期", system, entity, "", issued_at)
    current = EntityLevel.objects.filter(system_code=system, entity_key=entity).values_list("level", flat=True)
    current_level = current.first() or Level.NONE
    if current_level != level:
        return StatusCodeCheck(False, "伪造或过期：等级已更新", system, entity, "", issued_at)
    return StatusCodeCheck(True, "", system, entity, level, issued_at)


def status_code_url(token: str) -> str:
    from django.conf import settings
    from django.urls import reverse

    return settings.SITE_URL.rstrip("/") + reverse("indicators:scan", args=[token])


def status_code_svg(token: str, level: str, *, scale: int = 6) -> str:
    """The QR code of the scan URL, drawn in the level's colour."""
    import segno

    buffer = io.BytesIO()
    segno.make(status_code_url(token), error="m").save(buffer, kind="svg", scale=scale, border=4, xmldecl=False,
                                                        dark=Level(level).colour)
    return buffer.getvalue().decode("utf-8")
