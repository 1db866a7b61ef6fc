"""The 童装产业大脑 scene in a real Chromium, one journey per role, each page checked by axe-core: a brand posts an
order on a phone and the officer dispatches it at a desk (plan, map, cockpit, monitoring); a worker applies and
the factory hires; a supplier quotes on a phone (a second quote refused) and the officer awards; a bank reads a
granted profile and approves."""

import pytest

from zhili.core.testing.api import PASSWORD, pages
from zhili.scenes.industry_brain.models import ProductionOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")


def test_a_brand_posts_and_the_officer_dispatches(phone_page, desktop_page, live_server, brand, near_factory,
                                                  officer, in_days, page_errors):
    phone, desk = phone_page, desktop_page
    _login(phone, live_server.url, "ib_brand")
    phone.goto(f"{live_server.url}/industry_brain/")
    phone.fill("#id_order-style", "女童针织裙")
    phone.select_option("#id_order-speciality", "knit")
    phone.fill("#id_order-quantity", "0")
    phone.fill("#id_order-unit_price", "12.50")
    phone.select_option("#id_order-grade", "3")
    phone.fill("#id_order-start_date", in_days(0).isoformat())
    phone.fill("#id_order-due_date", in_days(20).isoformat())
    phone.click("#order-submit")
    phone.wait_for_selector("text=须不小于 1")
    phone.fill("#id_order-quantity", "800")
    phone.click("#order-submit")
    phone.wait_for_selector("#order-table >> text=女童针织裙")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    pages.assert_accessible(phone)

    _login(desk, live_server.url, "ib_officer")
    desk.goto(f"{live_server.url}/industry_brain/orders/")
    desk.click("#dispatch")
    desk.wait_for_selector("#plan-table tbody tr")
    desk.click("#order-table >> text=女童针织裙")
    desk.wait_for_selector("#explanation >> text=近针织厂")
    pages.assert_accessible(desk)
    assert ProductionOrder.objects.get().status == "dispatched"
    desk.goto(f"{live_server.url}/industry_brain/firms/")
    desk.wait_for_selector(".leaflet-container")
    pages.assert_accessible(desk)
    desk.goto(f"{live_server.url}/industry_brain/cockpit/")
    desk.wait_for_selector("[data-widget=roles] canvas")
    pages.assert_accessible(desk)
    desk.goto(f"{live_server.url}/industry_brain/monitoring/")
    desk.wait_for_selector("#evaluate")
    pages.assert_accessible(desk)
    assert page_errors == []


def test_a_worker_applies_on_a_phone_and_the_factory_hires(phone_page, desktop_page, live_server, county,
                                                           near_factory, worker, in_days, page_errors):
    from zhili.scenes.industry_brain import workers
    from zhili.scenes.industry_brain.models import JobMatch

    workers.post_job(factory=near_factory[0], title="针织平车工", skill="knit", piece_rate="1.50", starts=in_days(5),
                     ends=in_days(60), openings=2, actor=near_factory[1])
    phone, desk = phone_page, desktop_page
    _login(phone, live_server.url, "ib_worker")
    phone.goto(f"{live_server.url}/industry_brain/worker/")
    phone.check("#id_skills_0")
    phone.fill("#id_piece_rate", "1.20")
    phone.fill("#id_available_from", in_days(0).isoformat())
    phone.fill("#id_available_to", in_days(90).isoformat())
    phone.click("#profile-submit")
    phone.wait_for_selector("#job-list >> text=针织平车工")
    phone.click("#job-list button")
    phone.wait_for_selector("#my-matches >> text=待对方确认")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    pages.assert_accessible(phone)

    _login(desk, live_server.url, "ib_factory")
    desk.goto(f"{live_server.url}/industry_brain/")
    desk.click("#match-list button[value=accept]")
    desk.wait_for_selector("#match-list >> text=已达成")
    pages.assert_accessible(desk)
    assert JobMatch.objects.get().status == "accepted"
    assert page_errors == []


def test_a_bank_reads_the_granted_profile_and_approves(desktop_page, live_server, officer, county, brand, bank,
                                                       in_days, page_errors):
    from zhili.core.sharing.api import Matter
    from zhili.scenes.industry_brain import credit
    from zhili.scenes.industry_brain.models import LoanDecision

    Matter.objects.update_or_create(code=credit.MATTER, defaults=credit.MATTER_DEFAULTS)  # flushed with the database
    _order_for(brand, in_days)
    credit.compute_profiles(region=county, actor=officer)
    loan = credit.apply_loan(firm=brand[0], bank=bank[0], amount="50", actor=brand[1])
    desk = desktop_page
    _login(desk, live_server.url, "ib_bank")
    desk.goto(f"{live_server.url}/industry_brain/bank/")
    desk.click(f"#read-{loan.pk}")
    desk.wait_for_selector(f"#profile-{loan.pk} >> text=36.3")
    desk.click(f"#approve-{loan.pk}")
    desk.wait_for_selector("#loan-table >> text=已批准")
    pages.assert_accessible(desk)
    assert LoanDecision.objects.get().approved is True
    assert page_errors == []


def test_a_supplier_quotes_once_on_a_phone_and_the_officer_awards(phone_page, desktop_page, live_server, officer,
                                                                  county, brand, near_factory, suppliers, in_days,
                                                                  page_errors):
    from zhili.scenes.industry_brain import procurement
    from zhili.scenes.industry_brain.models import ProcurementBatch

    for (firm, user), quantity, price in ((brand, 1000, "18.60"), (near_factory, 500, "19.20")):
        procurement.post_need(firm=firm, material="精梳棉 180g", colour="粉色", quantity=quantity,
                              needed_by=in_days(10), own_unit_price=price, actor=user)
    phone, desk = phone_page, desktop_page
    _login(desk, live_server.url, "ib_officer")
    desk.goto(f"{live_server.url}/industry_brain/procurement/")
    desk.click("#pool")
    desk.wait_for_selector("text=暂无集采批次", state="detached")
    batch = ProcurementBatch.objects.get()

    _login(phone, live_server.url, "ib_supplier_1")
    phone.goto(f"{live_server.url}/industry_brain/")
    phone.fill(f"#price-{batch.pk}", "17.70")
    phone.click(f"#quote-{batch.pk}")
    phone.wait_for_load_state()
    assert str(batch.quotes.get().unit_price) == "17.70"
    phone.fill(f"#price-{batch.pk}", "17.00")
    phone.click(f"#quote-{batch.pk}")
    phone.wait_for_selector(".messages >> text=只能报价一次")  # a second quote for the batch is refused and says so
    assert batch.quotes.count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    pages.assert_accessible(phone)

    desk.goto(f"{live_server.url}/industry_brain/procurement/")
    desk.click(f"#award-{batch.pk}")
    desk.wait_for_selector(f"#batch-{batch.pk} >> text=节约")
    pages.assert_accessible(desk)
    batch.refresh_from_db()
    assert (batch.status, str(batch.savings)) == ("awarded", "1650.00")  # 0.90 × 1,000 + 1.50 × 500
    assert page_errors == []


def _order_for(brand, in_days):
    from zhili.scenes.industry_brain import services

    services.post_order(brand=brand[0], style="男童衬衫", speciality="knit", quantity=1000, unit_price="12.5",
                        grade="3", start_date=in_days(0), due_date=in_days(20), actor=brand[1])
