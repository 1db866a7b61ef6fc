"""The scene's pages: who sees what, masked data on the scan page, 404 for what a person may not see, export."""

import io

import openpyxl
from django.utils import timezone

from zhili.core.testing.api import PASSWORD
from zhili.scenes.housekeeping import services
from zhili.scenes.housekeeping.choices import BackgroundCheck

from .conftest import make_worker


def _client(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_the_scan_page_shows_masked_identity_and_for_red_only_contact_the_agency(
        client, anxin, admin_zhou, clerk_qian, customer_chen):
    worker = make_worker(anxin, admin_zhou, name="赵红霞", clerk=clerk_qian, background=BackgroundCheck.ABNORMAL)
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    worker.refresh_from_db()
    page = _client(client, customer_chen).get(f"/housekeeping/code/{services.issue_code(worker)}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "赵**" in html and "赵红霞" not in html and worker.id_number not in html
    assert "请联系其所属家政机构" in html and "身份核查异常" not in html and "公安" not in html
    refused = client.get("/housekeeping/code/not-a-code/")
    assert refused.status_code == 410 and "此码无效" in refused.content.decode()


def test_a_clerk_lists_and_exports_the_region_and_another_county_gets_404(
        client, worker_wang, clerk_qian, clerk_sun):
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    listing = _client(client, clerk_qian).get("/housekeeping/workers/?colour=green")
    assert "王秀英" in listing.content.decode()
    export = client.get("/housekeeping/workers/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == (worker_wang.code_key, "王**") and rows[1][2].startswith("330182")
    assert "*" in rows[1][2]
    client.logout()
    assert _client(client, clerk_sun).get(f"/housekeeping/workers/{worker_wang.pk}/").status_code == 404
    assert "王秀英" not in client.get("/housekeeping/workers/").content.decode()


def test_the_worker_sees_their_own_code_and_who_scanned_it(client, worker_wang, clerk_qian, customer_chen):
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    services.scan_code(services.issue_code(worker_wang), actor=customer_chen)
    page = _client(client, worker_wang.user).get("/housekeeping/my-code/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "绿码" in html and "陈*" in html
    client.logout()
    assert _client(client, customer_chen).get("/housekeeping/my-code/").status_code == 403
