"""In a real Chromium on a phone: the worker grants a bank, the bank fetches, the worker sees it and revokes."""

import pytest
import requests

from zhili.core.testing.personas import PASSWORD

from .conftest import token_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_grant_fetch_see_revoke_refused(phone_page, live_server, worker_zhang, document, bank, matter, page_errors):
    token = token_for(bank)
    api = f"{live_server.url}/api/v1/sharing/documents/dummy.document/{document.pk}"
    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(api, headers=headers, timeout=10).status_code == 403

    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/password/?next=/sharing/")
    page.fill("#id_username", worker_zhang.username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")
    page.goto(f"{live_server.url}/sharing/")
    page.click(f"#grant-dummydocument-{document.pk}")
    page.select_option("#id_matter", "dummy_loan")
    page.select_option("#id_party", str(bank.pk))
    page.click("#grant-submit")
    page.wait_for_selector("text=已授权 建德农商银行 查看")

    fetched = requests.get(api, headers=headers, timeout=10)
    assert fetched.status_code == 200
    assert fetched.json()["fields"] == {"title": "张伟的劳动合同", "state": "published"}

    page.click("#access-log-link")
    page.wait_for_selector("#access-log")
    assert "建德农商银行（建德农商银行系统）" in page.inner_text("#access-log")
    assert "测试贷款" in page.inner_text("#access-log")

    page.goto(f"{live_server.url}/sharing/")
    page.click("button.revoke")
    page.wait_for_selector("text=已撤销对 建德农商银行 的授权")

    refused = requests.get(api, headers=headers, timeout=10)
    assert (refused.status_code, refused.json()) == (403, {"detail": "无权访问或文档不存在"})
    assert page_errors == []
