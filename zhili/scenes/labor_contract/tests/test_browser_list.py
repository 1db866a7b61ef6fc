"""HR's contract list in Chromium: the status dropdown filters, a header sorts, and "导出 Excel" downloads the
filtered list (it used to send an htmx request that emptied the table), recorded in the audit log."""

import io

import pytest
from openpyxl import load_workbook

from zhili.core.foundation.api import AuditEntry
from zhili.core.testing.api import make_id_number, pages
from zhili.scenes.labor_contract import services

from .journeys import contract_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_filters_sorts_and_downloads_the_list(desktop_page, live_server, hr_li, employer, page_errors):
    for name, sequence in (("张伟", 11), ("李强", 12), ("王芳", 13)):
        services.create_contract(contract_values(worker_name=name, worker_phone=f"138000000{sequence}",
                                                 worker_id_number=make_id_number(birth="19900101", sequence=sequence)),
                                 employer=employer, actor=hr_li)
    sent = services.create_contract(contract_values(worker_name="赵六", worker_phone="13800000014",
                                                    worker_id_number=make_id_number(birth="19900101", sequence=14)),
                                    employer=employer, actor=hr_li)
    services.send_contracts([sent], actor=hr_li)

    page = desktop_page
    pages.sign_in(page, live_server, "hr_li")
    page.click("#sidebar-menu a[href=\"/labor_contract/\"]")
    page.select_option("#id_status", "draft")
    page.click(".zl-toolbar button[type=submit]")
    page.wait_for_url("**status=draft**")
    workers = page.locator("#contract-table tbody tr td:nth-child(3)")
    assert sorted(workers.all_inner_texts()) == ["张伟", "李强", "王芳"]

    page.click("#contract-table th >> text=劳动者")
    page.wait_for_url("**sort=worker**")
    assert workers.all_inner_texts() == sorted(["张伟", "李强", "王芳"])  # by the worker's name, as the database sorts

    with page.expect_download() as download_info:
        page.click("a[data-export]")
    download = download_info.value
    assert download.suggested_filename == "劳动合同.xlsx"
    rows = list(load_workbook(io.BytesIO(open(download.path(), "rb").read())).active.iter_rows(values_only=True))
    assert len(rows) == 4 and {row[2] for row in rows[1:]} == {"张伟", "李强", "王芳"}
    assert workers.count() == 3  # the table is still there
    entry = AuditEntry.objects.get(action="ui.list.exported")
    assert entry.actor_id == hr_li.pk and entry.data["rows"] == 3 and entry.data["filters"]["status"] == "draft"
    pages.assert_fits(page)
    pages.assert_accessible(page)  # a list page: toolbar, sortable headers, badges

    # The ? in the top bar opens this page's help beside it.
    page.click("#help-button")
    page.wait_for_selector("#page-help.show")
    assert "批量盖章" in page.inner_text("#page-help")
    page.click("#page-help .btn-close")

    # Bulk action: tick two drafts, 一键发约, confirm on the page that lists them; the list comes back with its filter.
    assert page.is_disabled("[data-bulk-action=send]")
    page.locator("input[data-bulk-row]").nth(0).check()
    page.locator("input[data-bulk-row]").nth(1).check()
    assert page.inner_text("[data-bulk-count]") == "2" and page.is_disabled("[data-bulk-action=seal]")
    page.click("[data-bulk-action=send]")
    page.wait_for_selector("#bulk-confirm")
    assert "向选中的 2 名劳动者发送签署短信" in page.inner_text("#bulk-confirm")
    pages.assert_accessible(page)
    page.click("#bulk-confirm-submit")
    page.wait_for_selector("text=已向 2 名劳动者发送签署短信")
    assert "status=draft" in page.url and workers.count() == 1
    assert AuditEntry.objects.get(action="ui.list.bulk").data["count"] == 2
    page.goto(f"{live_server.url}/labor_contract/new/")
    pages.assert_accessible(page)  # a form page: labels, required markers
    assert page_errors == []
