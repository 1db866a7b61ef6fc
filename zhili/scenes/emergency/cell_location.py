"""The operator's cell location of a 120 caller, over OMA MLP (Mobile Location Protocol 3.x, the XML-over-HTTP
protocol of a carrier's location server / GMLC), and the fusion of every position a call has.

What the adapter speaks (OMA-TS-MLP, Emergency Location Immediate Service and Emergency Location Reporting):

- **pull** (``MlpClient.locate``): ``POST`` to the location server's URL an ``svc_init`` holding ``<hdr>`` with the
  client's ``<id>``/``<pwd>`` and an ``<eme_lir>`` for the caller's MSISDN; the answer is an ``svc_result`` with an
  ``<eme_lia>`` holding ``<eme_pos>``: ``<msid>``, ``<pd>`` (``<time>``, ``<shape>`` with a ``<CircularArea>``:
  ``<coord><X>`` latitude, ``<Y>`` longitude, ``<radius>`` metres) or ``<poserr>`` when the network could not
  locate the phone.
- **push** (``services.receive_cell_location``, ``POST /api/v1/emergency/cell-location``): the carrier's location
  server reports the position of an emergency call as it is set up (``<emerep>`` holding ``<eme_pos>``), with a
  bearer token of the API client the centre registered for it (scope ``emergency.carrier``).

Coordinates are WGS84; ``<X>``/``<Y>`` in MLP's degrees-minutes-seconds form (``28 39 32.4N``) or decimal degrees.
Without a configured location server (``EMERGENCY_MLP`` setting or ``ZHILI_EMERGENCY_MLP_URL``) nothing is pulled
and the carrier's pushes are what the centre gets.

``fuse`` decides which position a call uses: every reading has an uncertainty (the phone's GPS its accuracy, the
cell its radius, a gazetteer address a fixed figure); the cell circle is the check. Readings consistent with the
cell (within its radius plus their own uncertainty) are preferred, the smallest uncertainty first; a phone fix far
outside the cell is kept only when nothing else is consistent, and the call is marked for the dispatcher to confirm.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from .routing import straight_m

MAX_XML_BYTES = 64 * 1024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_DMS = re.compile(r"^\s*(\d{1,3})\s+(\d{1,2})\s+(\d{1,2}(?:\.\d+)?)\s*([NSEW])\s*$")


class CellLocationError(Exception):
    """The location server could not be reached or answered something that is not MLP."""


@dataclass(frozen=True)
class CellFix:
    """One position of a phone from the network: a circle (centre, radius in metres) at a time."""

    msisdn: str
    lon: float
    lat: float
    radius_m: float
    at: dt.datetime | None = None


def _degrees(text: str, field: str) -> float:
    text = (text or "").strip()
    match = _DMS.match(text)
    if match:
        deg, minutes, seconds, hemisphere = match.groups()
        value = int(deg) + int(minutes) / 60 + float(seconds) / 3600
        return -value if hemisphere in "SW" else value
    try:
        return float(text)
    except ValueError:
        raise ValidationError({field: _("MLP 坐标格式无法识别：{value}").format(value=text[:40])},
                              code="invalid") from None


def _mlp_time(text: str, offset: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.strptime((text or "").strip(), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    match = re.match(r"^([+-])(\d{2}):?(\d{2})?$", (offset or "+0000").strip())
    sign, hours, minutes = match.groups() if match else ("+", "00", "00")
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    return moment.replace(tzinfo=dt.timezone(delta if sign == "+" else -delta))


def _digits(msisdn: str) -> str:
    """A mobile number as the platform stores it: 11 digits, without the country code."""
    digits = re.sub(r"\D", "", msisdn or "")
    return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits


def parse_mlp(data: bytes) -> list[CellFix]:
    """Every located ``<eme_pos>`` of an MLP document (``eme_lia`` answer or ``emerep`` report); positions the
    network could not give (``<poserr>``) are left out. A document that is not MLP raises ValidationError."""
    if len(data) > MAX_XML_BYTES:
        raise ValidationError({"xml": _("MLP 报文超过 64 KB")}, code="too_large")
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError:
        raise ValidationError({"xml": _("不是合法的 MLP XML 报文")}, code="invalid") from None
    if root.tag not in ("svc_result", "svc_init", "emerep", "eme_lia"):
        raise ValidationError({"xml": _("不是 MLP 紧急定位报文（缺少 svc_result 或 emerep）")}, code="invalid")
    fixes = []
    for pos in root.iter("eme_pos"):
        area = pos.find("pd/shape/CircularArea")
        msid = pos.findtext("msid") or ""
        if area is None or not msid:
            continue
        lat = _degrees(area.findtext("coord/X"), "X")
        lon = _degrees(area.findtext("coord/Y"), "Y")
        try:
            radius = float(area.findtext("radius") or "")
        except ValueError:
            raise ValidationError({"radius": _("MLP 定位半径须为数字")}, code="invalid") from None
        if not (73 <= lon <= 136 and 3 <= lat <= 54) or not (0 < radius <= 50_000):
            raise ValidationError({"coord": _("MLP 位置不在中国境内或半径不在 0–50 km")}, code="out_of_range")
        time = pos.find("pd/time")
        fixes.append(CellFix(_digits(msid), lon, lat, radius,
                             _mlp_time(time.text, time.get("utc_off", "+0000")) if time is not None else None))
    return fixes


def eme_lir(msisdn: str, *, client_id: str, password: str) -> bytes:
    """The MLP emergency location immediate request for one MSISDN (country code 86 added)."""
    number = _digits(msisdn)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svc_init ver="3.2.0"><hdr ver="3.2.0"><client>'
            f"<id>{escape(client_id)}</id><pwd>{escape(password)}</pwd></client></hdr>"
            f'<eme_lir ver="3.2.0"><msids><msid type="MSISDN">86{escape(number)}</msid></msids>'
            f'<eqop><hor_acc>100</hor_acc></eqop></eme_lir></svc_init>').encode()


@dataclass
class MlpClient:
    """One carrier location server (GMLC) speaking MLP over HTTP(S)."""

    url: str
    client_id: str = ""
    password: str = ""
    timeout: float = 5.0

    @classmethod
    def from_settings(cls) -> MlpClient | None:
        config = getattr(settings, "EMERGENCY_MLP", None) or {
            "url": os.environ.get("ZHILI_EMERGENCY_MLP_URL", ""),
            "client_id": os.environ.get("ZHILI_EMERGENCY_MLP_CLIENT", ""),
            "password": os.environ.get("ZHILI_EMERGENCY_MLP_PASSWORD", "")}
        if not config.get("url"):
            return None
        return cls(url=config["url"], client_id=config.get("client_id", ""), password=config.get("password", ""))

    def locate(self, msisdn: str) -> CellFix | None:
        body = eme_lir(msisdn, client_id=self.client_id, password=self.password)
        try:
            answer = requests.post(self.url, data=body, timeout=self.timeout,
                                   headers={"Content-Type": "text/xml; charset=utf-8"})
        except requests.RequestException as exc:
            raise CellLocationError(_("运营商定位服务无法连接")) from exc
        if answer.status_code != 200:
            raise CellLocationError(_("运营商定位服务应答 HTTP {code}").format(code=answer.status_code))
        try:
            fixes = parse_mlp(answer.content)
        except ValidationError as exc:
            raise CellLocationError("；".join(exc.messages)) from None
        wanted = _digits(msisdn)
        return next((f for f in fixes if f.msisdn == wanted), None)


# --- fusion ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """One position a call has, from one source, with its uncertainty (metres, a radius)."""

    source: str  # LocationSource value: gps, cell, described, dispatcher
    lon: float
    lat: float
    uncertainty_m: float

    def as_json(self) -> dict:
        return {"source": self.source, "lon": self.lon, "lat": self.lat, "uncertainty_m": round(self.uncertainty_m)}


@dataclass(frozen=True)
class Fused:
    reading: Reading | None
    conflict: bool  # a phone or address position disagrees with the cell: the dispatcher confirms the place


def consistent(reading: Reading, cell: Reading) -> bool:
    """Whether ``reading`` can be where the cell says: its distance from the cell's centre is within the cell's
    radius plus its own uncertainty."""
    return float(straight_m(reading.lon, reading.lat, cell.lon, cell.lat)) <= cell.uncertainty_m + reading.uncertainty_m


def fuse(readings: list[Reading]) -> Fused:
    """The position to dispatch to. A dispatcher's confirmation wins; otherwise the reading with the smallest
    uncertainty among those consistent with the cell (or among all when there is no cell). When nothing agrees
    with the cell, the cell is used, unless a reading is far (4×) more precise: then that reading is used. Either
    way the call is marked as a conflict for the dispatcher to confirm the place on the line."""
    if not readings:
        return Fused(None, False)
    confirmed = [r for r in readings if r.source == "dispatcher"]
    if confirmed:
        return Fused(confirmed[-1], False)
    cells = [r for r in readings if r.source == "cell"]
    others = sorted((r for r in readings if r.source != "cell"), key=lambda r: r.uncertainty_m)
    if not cells:
        return Fused(others[0] if others else None, False)
    cell = min(cells, key=lambda r: r.uncertainty_m)
    agreeing = [r for r in others if consistent(r, cell)]
    if agreeing:
        return Fused(agreeing[0], False)
    if others and others[0].uncertainty_m * 4 < cell.uncertainty_m:
        return Fused(others[0], True)  # a precise fix outside the cell: use it, but have the place confirmed
    return Fused(cell, bool(others))
