"""The tax-authority check adapter against a local server that speaks the documented VatInvoiceVerifyNew protocol:
it checks the TC3-HMAC-SHA256 signature the way the service documents it, looks the invoice up in its own register
and answers with ``Response.Invoice`` or ``Response.Error``."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from zhili.scenes.small_matters.invoice_verify import request_body, verify
from zhili.scenes.small_matters.invoices import InvoiceReading

SECRET_ID, SECRET_KEY = "AKIDlocaltest", "local-secret-key"
REGISTER = {
    "04658730": {"Code": "033602521178", "Number": "04658730", "Date": "2026-03-01", "BuyerName": "建德金桥机械制造有限公司",
                 "SellerName": "嘉兴恒达包装材料有限公司", "AmountWithoutTax": "10572.90", "TaxAmount": "1374.48",
                 "AmountWithTax": "11947.38", "CheckCode": "42482960179677204126", "IsAbandoned": "0", "Type": "04"},
}


def _expected_signature(headers, body: bytes) -> str:
    """The service's side of TC3-HMAC-SHA256, written from its documentation."""
    timestamp = int(headers["X-TC-Timestamp"])
    day = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
    canonical_headers = (f"content-type:{headers['Content-Type']}\nhost:{headers['Host']}\n"
                         f"x-tc-action:{headers['X-TC-Action'].lower()}\n")
    canonical = f"POST\n/\n\n{canonical_headers}\ncontent-type;host;x-tc-action\n{hashlib.sha256(body).hexdigest()}"
    to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{day}/ocr/tc3_request\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    key = ("TC3" + SECRET_KEY).encode()
    for part in (day, "ocr", "tc3_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class _Service(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        auth = self.headers.get("Authorization", "")
        if (self.headers.get("X-TC-Action") != "VatInvoiceVerifyNew" or self.headers.get("X-TC-Version") != "2018-11-19"
                or f"Credential={SECRET_ID}/" not in auth
                or not auth.endswith("Signature=" + _expected_signature(self.headers, body))):
            answer = {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "signature"}}
        else:
            asked = json.loads(body)
            record = REGISTER.get(asked.get("InvoiceNo"))
            if record is None or asked.get("InvoiceDate") != record["Date"] or (
                    asked.get("CheckCode") and asked["CheckCode"] != record["CheckCode"][-6:]):
                answer = {"Error": {"Code": "ResourceNotFound.NoInvoice", "Message": "no such invoice"}}
            else:
                answer = {"Invoice": record}
        answer["RequestId"] = "local-1"
        out = json.dumps({"Response": answer}, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def service():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _reading(**changes) -> InvoiceReading:
    record = REGISTER["04658730"]
    fields = {"code": record["Code"], "number": record["Number"], "date": record["Date"], "buyer": record["BuyerName"],
              "seller": record["SellerName"], "amount": record["AmountWithoutTax"], "tax": record["TaxAmount"],
              "total": record["AmountWithTax"], "check_code": record["CheckCode"]}
    fields.update(changes)
    return InvoiceReading(kind="vat", fields=fields, qr={"type": "04"})


def test_without_a_configured_service_the_page_says_it_did_not_verify(monkeypatch):
    monkeypatch.delenv("ZHILI_INVOICE_VERIFY_SECRET_ID", raising=False)
    assert verify(_reading()).status == "not_configured"


def test_the_adapter_verifies_finds_differences_and_unknown_invoices(service, monkeypatch):
    monkeypatch.setenv("ZHILI_INVOICE_VERIFY_URL", service)
    monkeypatch.setenv("ZHILI_INVOICE_VERIFY_SECRET_ID", SECRET_ID)
    monkeypatch.setenv("ZHILI_INVOICE_VERIFY_SECRET_KEY", SECRET_KEY)
    assert request_body(_reading()) == {"InvoiceNo": "04658730", "InvoiceDate": "2026-03-01", "InvoiceKind": "04",
                                        "InvoiceCode": "033602521178", "CheckCode": "204126"}
    assert verify(_reading()).status == "verified"
    mismatch = verify(_reading(seller="嘉兴恒达包装有限公司"))
    assert (mismatch.status, mismatch.differences) == ("mismatch", ["销售方：税务机关记录为 嘉兴恒达包装材料有限公司"])
    assert verify(_reading(number="04658731")).status == "not_found"
    assert verify(_reading(check_code="42482960179677200000")).status == "not_found"
    monkeypatch.setenv("ZHILI_INVOICE_VERIFY_SECRET_KEY", "a-wrong-key")
    assert verify(_reading()).status == "unavailable"
    quota = InvoiceReading(kind="quota", fields={"code": "133567258157", "number": "12491191", "total": "5.00"})
    assert verify(quota).status == "unsupported"
