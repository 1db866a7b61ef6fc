"""Real Chromium on a phone: someone without an account checks a signed contract, then a tampered copy of it."""

import pytest

from zhili.core.esign.tests import helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anyone_checks_a_contract_on_a_phone_and_a_tampered_copy_shows_only_what_is_wrong(
        phone_page, live_server, verified_worker, enterprise, tmp_path, page_errors):
    from concurrent.futures import ThreadPoolExecutor

    from django.core.cache import cache
    from django.db import connections

    def sign() -> bytes:  # pyHanko runs its own event loop; Playwright's is running in this thread
        try:
            return helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
        finally:
            connections.close_all()

    cache.clear()
    with ThreadPoolExecutor(1) as pool:
        signed = pool.submit(sign).result()
    (tmp_path / "contract.pdf").write_bytes(signed)
    tampered = bytearray(signed)
    tampered[signed.index(b"\n%") + 2] ^= 1  # a byte of the signed first revision
    (tmp_path / "tampered.pdf").write_bytes(bytes(tampered))
    page = phone_page

    page.goto(f"{live_server.url}/esign/verify/")
    page.set_input_files("#verify-file", str(tmp_path / "contract.pdf"))
    page.click("#verify-submit")
    page.wait_for_selector("#verify-report")
    assert page.inner_text("#verify-verdict") == "结论：全部签名有效且可信"
    assert "乙方（劳动者） · 有效" in page.inner_text(".signature-card h3")
    assert "包含证明成立，但所依据的树根尚未签名" in page.inner_text(".ledger-status")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.set_input_files("#verify-file", str(tmp_path / "tampered.pdf"))
    page.click("#verify-submit")
    page.wait_for_selector("#verify-report")
    assert page.inner_text("#verify-verdict") == "结论：存在无效签名或签署后内容被改动"
    assert page.inner_text(".signature-card .problems") == "签名后文件内容被篡改（摘要不符）"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page_errors == []
