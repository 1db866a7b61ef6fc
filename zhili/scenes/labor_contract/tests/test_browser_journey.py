"""The whole journey in a real Chromium: HR uploads three, sends; a worker signs on a phone; HR seals; the worker
downloads the signed PDF, which core.esign and poppler's pdfsig both verify."""

import io
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from openpyxl import Workbook

from zhili.core.esign.api import verify_pdf
from zhili.core.notify.api import Message
from zhili.core.testing.api import PASSWORD, make_id_number, pages
from zhili.scenes.labor_contract import importing
from zhili.scenes.labor_contract.choices import ContractStatus
from zhili.scenes.labor_contract.models import LaborContract

from .journeys import seal_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def batch_of_three(worker) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([header for header, _name, _required in importing.NEW_CONTRACT_COLUMNS])
    people = [("张伟", worker.id_number, worker.phone), ("李强", make_id_number(birth="19880512", sequence=45), "13800000031"),
              ("王芳", make_id_number(birth="19950720", sequence=67), "13800000032")]
    for name, id_number, phone in people:
        sheet.append([name, id_number, phone, "操作工", "建德市新安江街道工业园", "固定期限", "2026-03-01", "2029-02-28",
                      "", "3", "标准工时制", "5000", "4000", "", "", "", ""])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def local(url: str, live_server) -> str:
    """The SMS carries the public site URL; the test server runs elsewhere, so keep the path only."""
    parts = urlsplit(url)
    return live_server.url + parts.path + (f"?{parts.query}" if parts.query else "")


def test_batch_send_phone_signature_seal_and_download(desktop_page, phone_page, live_server, hr_li, worker_zhang,
                                                      page_errors, tmp_path):
    hr, phone = desktop_page, phone_page

    # HR logs in, uploads a batch of three and sends with one click.
    hr.goto(f"{live_server.url}/accounts/login/password/")
    hr.fill("#id_username", "hr_li")
    hr.fill("#id_password", PASSWORD)
    hr.click("#password-submit")
    hr.goto(f"{live_server.url}/labor_contract/import/")
    hr.set_input_files("#id_file", files=[{"name": "三人.xlsx", "buffer": batch_of_three(worker_zhang),
                                           "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    hr.click("button[type=submit].primary")
    hr.click("text=一键发约")
    hr.wait_for_selector("text=已向 3 名劳动者发送签署短信")
    assert LaborContract.objects.filter(status=ContractStatus.SENT).count() == 3

    # The worker opens the link in the SMS, logs in with the code from the outbox.
    invite = next(m for m in Message.objects.filter(template="labor_contract_sign_invite")
                  if m.address == worker_zhang.phone)
    link = re.search(r"https?://\S+", invite.body).group(0)
    phone.goto(local(link, live_server))
    assert "/accounts/login/" in phone.url
    pages.assert_accessible(phone)  # the phone login
    phone.fill("#id_phone", worker_zhang.phone)
    phone.click("#send-code")
    phone.wait_for_selector("#code-sent")
    code = re.search(r"\d{6}", Message.objects.filter(template="otp_login").latest("id").body).group(0)
    phone.fill("#id_code", code)
    phone.click("#login-submit")

    # Real name → disclosure → read → intent → signature drawn with the pointer.
    phone.wait_for_selector("#real-name-form")
    pages.assert_accessible(phone)
    phone.fill("#id_name", "张伟")
    phone.fill("#id_id_number", worker_zhang.id_number)
    phone.click("#real-name-submit")
    phone.wait_for_selector("#disclosure")
    assert "免费" in phone.inner_text("#disclosure")
    pages.assert_accessible(phone)
    phone.check("#id_acknowledged")
    phone.click("#disclosure-submit")
    phone.wait_for_selector("#contract-text")
    pages.assert_accessible(phone)
    phone.click("#to-intent")
    phone.wait_for_selector("#document-digest")
    pages.assert_accessible(phone)
    phone.check("#id_agree")
    phone.click("#intent-submit")
    canvas = phone.wait_for_selector("#signature-pad[data-ready='1']").bounding_box()
    pages.assert_accessible(phone)
    phone.mouse.move(canvas["x"] + 30, canvas["y"] + canvas["height"] * 0.7)
    phone.mouse.down()
    for step in range(1, 11):
        phone.mouse.move(canvas["x"] + 30 + step * (canvas["width"] - 60) / 10,
                         canvas["y"] + canvas["height"] * (0.7 - 0.4 * (step % 2)), steps=2)
    phone.mouse.up()
    phone.click("#signature-submit")
    phone.wait_for_selector("#wait-employer")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    pages.assert_accessible(phone)
    contract = LaborContract.objects.get(worker_phone_index=worker_zhang.phone_index)
    assert contract.status == ContractStatus.WORKER_SIGNED

    # HR uploads the seal, drags it onto the signature page and applies it.
    hr.goto(f"{live_server.url}/labor_contract/seal/")
    hr.set_input_files("#id_image", files=[{"name": "seal.png", "buffer": seal_png(), "mimeType": "image/png"}])
    hr.click("#seal-upload-submit")
    hr.wait_for_selector("#current-seal")
    hr.goto(f"{live_server.url}{contract.get_absolute_url()}")
    hr.click("#go-seal")
    # The click starts a navigation: until the seal page has replaced this one there is no preview to ask about.
    hr.wait_for_function("document.getElementById('page-preview')?.complete === true")
    handle = hr.wait_for_selector("#seal-handle[data-ready='1']").bounding_box()
    pages.assert_accessible(hr)  # the seal page
    hr.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    hr.mouse.down()
    hr.mouse.move(handle["x"] + handle["width"] / 2 + 200, handle["y"] + handle["height"] / 2 + 40, steps=8)
    hr.mouse.up()
    assert float(hr.input_value("#id_x")) == pytest.approx(320, abs=2)
    assert float(hr.input_value("#id_y")) == pytest.approx(600, abs=2)
    hr.check("#id_confirm")
    hr.click("#seal-apply")
    hr.wait_for_selector("text=已加盖电子印章")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.COMPLETED

    # The worker is told (SMS and in-app) and downloads the signed PDF from "我的合同".
    assert [m.address for m in Message.objects.filter(template="labor_contract_completed", channel="sms")] == [
        worker_zhang.phone]
    assert Message.objects.filter(template="labor_contract_completed", channel="in_app").count() == 1
    phone.goto(f"{live_server.url}/labor_contract/mine/")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)  # 我的合同
    with phone.expect_download() as download_info:
        phone.click(f"[data-number='{contract.number}'] a.download")
    path = tmp_path / "contract.pdf"
    download_info.value.save_as(path)
    pdf = path.read_bytes()
    # Playwright's sync API keeps an event loop in this thread; pyHanko's validation runs its own, so use another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        report = pool.submit(verify_pdf, pdf).result()
    assert report.verdict == "valid"
    assert [s.field_name for s in report.signatures if s.kind == "signature"] == ["WorkerSignature", "EmployerSeal"]
    output = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert output.count("Signature Validation: Signature is Valid.") == 2
    assert page_errors == []
