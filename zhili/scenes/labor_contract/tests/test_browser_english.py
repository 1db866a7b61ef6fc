"""The English switch in the top bar: HR's contract list and every step of the worker's phone signing path show
no Chinese text except the data (names, posts, places, the contract's own text)."""

import re

import pytest

from zhili.core.testing.api import pages
from zhili.scenes.labor_contract import documents, services

from .journeys import contract_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")  # ideographs, CJK and full-width punctuation


def switch_to_english(page) -> None:
    page.click(".zl-lang button[value=en]")
    page.wait_for_selector("html[lang=en]")


def chinese_left(page, data: list[str], without: str = "") -> list[str]:
    """The Chinese runs in the top bar (but the language names), the page header, this scene's menu entries and the
    page itself, once the data strings are taken out (``without``: an element whose whole text is data, such as
    the contract being read). Other scenes' menu entries are their catalogues' business."""
    parts = [page.inner_text(".zl-topbar").replace(page.inner_text(".zl-lang"), "")]
    parts += page.locator(".zl-page-header").all_inner_texts()
    parts += page.locator("#sidebar-menu a[href^='/labor_contract/']").all_text_contents()
    text = "\n".join(parts + [page.inner_text("#main")])
    if without and page.locator(without).count():
        text = text.replace(page.inner_text(without), "")
    for datum in sorted(data, key=len, reverse=True):
        text = text.replace(datum, "")
    return CJK.findall(text)


def test_hr_list_and_worker_signing_path_are_english(desktop_page, phone_page, live_server, hr_li, employer,
                                                     worker_zhang, page_errors):
    values = contract_values()
    contract = services.create_contract(values, employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)
    contract.refresh_from_db()
    data = [values["worker_name"], values["job_title"], values["work_place"], employer.name, hr_li.name,
            employer.region.name]

    hr = desktop_page
    pages.sign_in(hr, live_server, "hr_li")
    switch_to_english(hr)
    hr.goto(f"{live_server.url}/labor_contract/")
    hr.wait_for_selector(f"text={contract.number}")
    assert chinese_left(hr, data) == []

    phone = phone_page
    pages.sign_in(phone, live_server, worker_zhang.username)
    switch_to_english(phone)
    phone.goto(f"{live_server.url}/labor_contract/s/{contract.number}/")
    phone.wait_for_selector("#real-name-form")
    assert chinese_left(phone, data) == []
    phone.fill("#id_name", values["worker_name"])
    phone.fill("#id_id_number", worker_zhang.id_number)
    phone.click("#real-name-submit")
    phone.wait_for_selector("#disclosure")
    assert "free" in phone.inner_text("#disclosure")
    assert chinese_left(phone, data + [str(documents.DISCLOSURE_REFERENCE)]) == []  # the guideline is cited by its title
    phone.check("#id_acknowledged")
    phone.click("#disclosure-submit")
    phone.wait_for_selector("#contract-text")
    assert chinese_left(phone, data, without="#contract-text") == []
    phone.click("#to-intent")
    phone.wait_for_selector("#document-digest")
    assert "electronic signature" in phone.inner_text("#intent-statement-translation")
    assert chinese_left(phone, data + [services.signing.WORKER_INTENT_STATEMENT]) == []  # recorded in Chinese
    phone.check("#id_agree")
    phone.click("#intent-submit")
    phone.wait_for_selector("#signature-pad[data-ready='1']")
    assert chinese_left(phone, data) == []
    pages.assert_fits(phone)
    assert page_errors == []
