"""The 碳效码 scene in a real Chromium: an officer evaluates at a desk; the enterprise shows its code, looks at its
footprint and applies for a loan on a phone, granting the bank the reading of its figures; the bank reads them
under that grant and decides."""

import pytest

from zhili.core.orgs.api import OrganizationKind
from zhili.core.testing.api import EnterpriseFactory, MembershipFactory, UserFactory, make_uscc, pages
from zhili.scenes.carbon_code import loans
from zhili.scenes.carbon_code.models import CarbonResult, LoanApplication
from zhili.scenes.carbon_code.roles import BANK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_evaluates_and_the_enterprise_shows_its_code(phone_page, desktop_page, live_server, worked_example,
                                                                officer_zhou, owner_shen, county, page_errors):
    phone, desk = phone_page, desktop_page
    pages.sign_in(desk, live_server, "officer_zhou")
    desk.goto(f"{live_server.url}/carbon_code/results/")
    desk.fill("#id_period_eval", "2025")
    desk.click("#evaluate-submit")
    desk.wait_for_selector("#result-table >> text=甲机械有限公司")
    pages.assert_accessible(desk)
    desk.click("#result-table >> text=甲机械有限公司")
    assert desk.inner_text("#result-label") == "中碳4级"
    assert desk.inner_text("#result-k") == "1.2316"
    assert "天然气" in desk.inner_text("#diagnosis-weak")
    desk.goto(f"{live_server.url}/carbon_code/services/officer/?service=energy_saving_diagnosis")
    assert "甲机械有限公司" in desk.inner_text("#service-table")
    pages.assert_accessible(desk)
    desk.click("#effects-publish")  # recounts the 30 effect indicators and opens the cockpit
    desk.wait_for_selector("[data-widget=grades] canvas")
    desk.wait_for_selector("[data-widget=effects] >> text=贷款企业数")
    pages.assert_accessible(desk)
    desk.goto(f"{live_server.url}/carbon_code/warnings/")
    pages.assert_accessible(desk)
    desk.goto(f"{live_server.url}/carbon_code/map/")
    desk.wait_for_selector(".ui-map .leaflet-interactive")
    pages.assert_accessible(desk)

    pages.sign_in(phone, live_server, "owner_shen")
    phone.goto(f"{live_server.url}/carbon_code/")
    phone.wait_for_selector(".carbon-code svg")
    assert "中碳" in phone.inner_text("#carbon-labels")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    token = phone.evaluate("document.querySelector('.carbon-code svg') ? 1 : 0")
    assert token == 1
    phone.goto(f"{live_server.url}/carbon_code/services/")
    assert "符合" in phone.inner_text("[data-service=energy_saving_diagnosis]")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    assert CarbonResult.objects.get(enterprise__name="甲机械有限公司").grade == "4"

    # its footprint on the shared chart components
    phone.goto(f"{live_server.url}/carbon_code/footprint/")
    phone.wait_for_selector("[data-widget=k_history] canvas")
    assert "中碳4级" in phone.inner_text("[data-widget=kpi]")
    pages.assert_accessible(phone)

    # a loan in one click: the consent text is shown, applying grants the bank the year's figures
    bank = EnterpriseFactory(kind=OrganizationKind.BANK, name="农业银行建德支行", uscc=make_uscc(sequence=501),
                             region=county, industry=None)
    banker = UserFactory(username="banker_he", name="何平", phone="13800000101")
    MembershipFactory(user=banker, role=BANK, organization=bank)
    product = loans.publish_product(name="转型碳效贷", min_grade=3, max_grade=5, max_amount="800",
                                    annual_rate="3.85", actor=banker)
    phone.goto(f"{live_server.url}/carbon_code/loans/")
    phone.click("summary >> text=授权书")
    assert "同意 农业银行建德支行 为审批碳效贷" in phone.inner_text(".consent-text")
    pages.assert_accessible(phone)
    phone.click(f"#apply-{product.pk}")
    phone.wait_for_selector("#loan-applications >> text=授权查阅 2025 年碳效数据")
    pages.assert_accessible(phone)
    application = LoanApplication.objects.get()

    # the bank reads the figures only by opening the application (logged), and decides
    desk.context.clear_cookies()
    pages.sign_in(desk, live_server, "banker_he")
    desk.goto(f"{live_server.url}/carbon_code/bank/")
    desk.click(f"#open-{application.pk}")
    desk.wait_for_selector("#shared-figures >> text=1.2316")
    pages.assert_accessible(desk)
    desk.click(f"#approve-{application.pk}")
    desk.wait_for_selector("#application-table >> text=已放款")
    phone.reload()
    assert "审批碳效贷申请" in phone.inner_text("#grant-reads")
    assert page_errors == []
