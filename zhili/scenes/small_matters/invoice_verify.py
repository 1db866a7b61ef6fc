"""Verification of a recognised invoice against the tax authority's data through a documented check service.

The adapter speaks Tencent Cloud's 增值税发票核验 API, ``VatInvoiceVerifyNew`` (OCR API version 2018-11-19): a JSON
POST signed with TC3-HMAC-SHA256 (the documented signature: canonical request → string to sign → HMAC chain over
date, service and ``tc3_request``). It takes the invoice number, date, code, type (``InvoiceKind``), the last six
digits of the check code or the amount (by type, as documented) and answers the invoice as the tax authority holds
it (``Response.Invoice``: Code, Number, Date, BuyerName, SellerName, AmountWithoutTax, TaxAmount, AmountWithTax,
IsAbandoned …) or an error (``Response.Error``: Code, Message).

It is used when ``ZHILI_INVOICE_VERIFY_SECRET_ID`` and ``ZHILI_INVOICE_VERIFY_SECRET_KEY`` are set
(``ZHILI_INVOICE_VERIFY_URL`` defaults to the service's address). Without them — the default, since the platform
reaches no outside service — the page says plainly that the invoice was not verified with the tax authority.
Quota invoices, taxi receipts and general machine-printed paper invoices are outside the service; the answer says so.
"""

import datetime as dt
import hashlib
import hmac
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

ACTION, VERSION, SERVICE = "VatInvoiceVerifyNew", "2018-11-19", "ocr"
DEFAULT_URL = "https://ocr.tencentcloudapi.com/"
TIMEOUT_S = 10


@dataclass
class Verification:
    """The check service's answer: ``status`` is verified, mismatch, not_found, abandoned, unsupported,
    unavailable or not_configured; ``differences`` names what the authority's record says otherwise."""

    status: str
    message: str
    differences: list = field(default_factory=list)
    record: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "verified"


def _kind_code(reading) -> str | None:
    """InvoiceKind: 01 专用, 04 普通, 03 机动车, 15 二手车, 08 电子专用 (含全电), 10 电子普通 (含全电)."""
    qr_type = (reading.qr or {}).get("type")
    if reading.kind == "vat":
        return "01" if qr_type == "01" or (not reading.fields.get("check_code") and qr_type != "04") else "04"
    if reading.kind == "e_invoice":
        return "08" if qr_type == "31" else "10"
    return {"motor": "03", "used_car": "15"}.get(reading.kind)


def request_body(reading) -> dict | None:
    """The documented request parameters for a reading, or None when the type is outside the service."""
    kind = _kind_code(reading)
    if kind is None:
        return None
    fields = reading.fields
    body = {"InvoiceNo": fields.get("number", ""), "InvoiceDate": fields.get("date", ""), "InvoiceKind": kind}
    if fields.get("code"):
        body["InvoiceCode"] = fields["code"]
    if kind == "04":
        body["CheckCode"] = fields.get("check_code", "")[-6:]
    elif kind in ("08", "10"):
        body["Amount"] = fields.get("total", "")  # 全电: the total with tax
    elif kind == "15":
        body["Amount"] = fields.get("total", "")
    else:
        body["Amount"] = fields.get("amount", "")
    return body


def sign(secret_id: str, secret_key: str, host: str, payload: bytes, timestamp: int) -> dict:
    """The headers of a TC3-HMAC-SHA256 signed request."""
    day = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
    content_type = "application/json; charset=utf-8"
    canonical = "\n".join(["POST", "/", "", f"content-type:{content_type}\nhost:{host}\nx-tc-action:{ACTION.lower()}\n",
                           "content-type;host;x-tc-action", hashlib.sha256(payload).hexdigest()])
    scope = f"{day}/{SERVICE}/tc3_request"
    to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical.encode()).hexdigest()])

    def _hmac(key: bytes, message: str) -> bytes:
        return hmac.new(key, message.encode(), hashlib.sha256).digest()

    signing = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), day), SERVICE), "tc3_request")
    signature = hmac.new(signing, to_sign.encode(), hashlib.sha256).hexdigest()
    return {
        "Authorization": f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host;x-tc-action, "
                         f"Signature={signature}",
        "Content-Type": content_type, "Host": host, "X-TC-Action": ACTION, "X-TC-Timestamp": str(timestamp),
        "X-TC-Version": VERSION,
    }


def configured() -> bool:
    return bool(os.environ.get("ZHILI_INVOICE_VERIFY_SECRET_ID") and os.environ.get("ZHILI_INVOICE_VERIFY_SECRET_KEY"))


def verify(reading, *, now: float | None = None) -> Verification:
    """Ask the check service about a usable reading and compare its record with what was read."""
    import time
    from urllib.parse import urlsplit

    if not configured():
        return Verification("not_configured", _("未连接税务机关发票查验服务，本页未核验发票真伪"))
    body = request_body(reading)
    if body is None:
        return Verification("unsupported", _("此类发票不在税务机关联网查验范围内"))
    url = os.environ.get("ZHILI_INVOICE_VERIFY_URL") or DEFAULT_URL
    payload = json.dumps(body, ensure_ascii=False).encode()
    headers = sign(os.environ["ZHILI_INVOICE_VERIFY_SECRET_ID"], os.environ["ZHILI_INVOICE_VERIFY_SECRET_KEY"],
                   urlsplit(url).netloc, payload, int(now if now is not None else time.time()))
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=payload, headers=headers, method="POST"),
                                    timeout=TIMEOUT_S) as response:
            answer = json.loads(response.read(1_000_000)).get("Response", {})
    except (urllib.error.URLError, OSError, ValueError):
        return Verification("unavailable", _("税务机关发票查验服务暂时无法连接，请稍后再试"))
    error = answer.get("Error")
    if error:
        code = str(error.get("Code", ""))
        if "NotFound" in code or "NoInvoice" in code or "Mismatch" in code:
            return Verification("not_found", _("税务机关未查到与票面一致的发票（{code}）").format(code=code))
        return Verification("unavailable", _("查验服务答复错误：{code}").format(code=code))
    record = answer.get("Invoice") or {}
    if str(record.get("IsAbandoned", "0")) in ("1", "true", "True"):
        return Verification("abandoned", _("税务机关记录此发票已作废"), record=record)
    differences = []
    date = str(record.get("Date", "")).replace("-", "").replace("年", "").replace("月", "").replace("日", "")
    compare = [("number", record.get("Number")), ("code", record.get("Code")),
               ("date", f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None),
               ("buyer", record.get("BuyerName")), ("seller", record.get("SellerName")),
               ("amount", record.get("AmountWithoutTax")), ("tax", record.get("TaxAmount")),
               ("total", record.get("AmountWithTax"))]
    from .invoices import FIELD_LABELS, _plain

    for name, held in compare:
        read = reading.fields.get(name)
        if held in (None, "") or read in (None, ""):
            continue
        held = _plain(str(held)) if name in ("amount", "tax", "total") else str(held)
        if held != read:
            differences.append(_("{field}：税务机关记录为 {held}").format(field=FIELD_LABELS[name], held=held))
    if differences:
        return Verification("mismatch", _("税务机关的记录与票面不一致"), differences, record)
    return Verification("verified", _("税务机关查验通过：发票真实有效，与票面一致"), record=record)
