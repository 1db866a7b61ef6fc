"""The 浙里急救 scene in a real Chromium: the caller's one button on a phone with the live progress, the dispatcher
triaging and confirming at a desk, the crew's terminal on a phone and the hospital's handover."""

import pytest

from zhili.core.testing.api import pages
from zhili.scenes.emergency import services
from zhili.scenes.emergency.models import Call, Run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_caller_presses_one_button_shares_the_position_and_sees_the_ambulance_coming(
        phone_page, live_server, county, ambulance, caller_wu, dispatcher, page_errors):
    phone_page.context.grant_permissions(["geolocation"])
    phone_page.context.set_geolocation({"longitude": ambulance.lon + 0.004, "latitude": ambulance.lat})
    pages.sign_in(phone_page, live_server, "caller_wu")
    phone_page.goto(f"{live_server.url}/emergency/")
    pages.assert_fits(phone_page)
    pages.assert_accessible(phone_page)
    phone_page.click("#call-button")
    phone_page.wait_for_selector("text=已接通 120")
    call = Call.objects.get()
    assert call.location_source == "gps" and call.lon == pytest.approx(ambulance.lon + 0.004)
    services.dispatch_call(call, ambulance=services.queries.recommend(call)[0].ambulance, actor=dispatcher)
    phone_page.wait_for_selector("#progress-list >> text=已派出救护车", timeout=15000)
    pages.assert_fits(phone_page)
    pages.assert_accessible(phone_page)
    assert page_errors == []


def test_the_dispatcher_triages_and_confirms_the_recommended_ambulance(
        desktop_page, live_server, county, ambulance, caller_wu, dispatcher, page_errors):
    call = services.place_call(actor=caller_wu, region=county["stations"][0].region, described="",
                               complaint="突然倒地")
    pages.sign_in(desktop_page, live_server, "disp_li")
    desktop_page.goto(f"{live_server.url}/emergency/console/")
    assert "138****0035" in desktop_page.inner_text("#call-list")
    desktop_page.click("#call-list a")
    assert "呼救位置未知" in desktop_page.inner_text("main")
    desktop_page.fill("#id_lon", str(ambulance.lon + 0.003))
    desktop_page.fill("#id_lat", str(ambulance.lat))
    desktop_page.click("#locate-form button")
    desktop_page.select_option("#id_conscious", "0")
    desktop_page.select_option("#id_breathing", "0")
    desktop_page.click("#triage-form button")
    desktop_page.wait_for_selector("#confirm-dispatch")
    pages.assert_accessible(desktop_page)
    desktop_page.click("#confirm-dispatch")
    desktop_page.wait_for_selector("#call-runs")
    run = Run.objects.get(call=call)
    assert run.recommended == run.ambulance and Call.objects.get(pk=call.pk).priority == "A"
    desktop_page.goto(f"{live_server.url}/emergency/console/terminals/")  # the vehicle's terminal credentials
    desktop_page.click(f"#terminals tr:has-text('{ambulance.call_sign}') button:has-text('登记终端')")
    desktop_page.wait_for_selector("#issued-secret")
    assert f"emergency.terminal:{ambulance.device_id}" in desktop_page.inner_text("#issued-secret")
    pages.assert_accessible(desktop_page)
    assert page_errors == []


def test_the_crew_reports_on_the_phone_and_the_hospital_takes_the_patient_over(
        phone_page, desktop_page, live_server, county, ambulance, crew_zhao, nurse_chen, caller_wu, dispatcher,
        page_errors):
    call = services.place_call(actor=caller_wu, region=county["stations"][0].region, lon=ambulance.lon + 0.003,
                               lat=ambulance.lat)
    services.triage_call(call, answers={"conscious": True, "breathing": True, "chest_pain": True}, actor=dispatcher)
    run = services.dispatch_call(call, ambulance=ambulance, actor=dispatcher)
    pages.sign_in(phone_page, live_server, "crew_zhao")
    phone_page.goto(f"{live_server.url}/emergency/crew/")
    phone_page.click("#crew-runs a")
    for _step in range(4):  # 接单, 出车, 到达现场, 接到患者
        phone_page.click("#advance")
        phone_page.wait_for_load_state()
    pages.assert_fits(phone_page)
    pages.assert_accessible(phone_page)
    phone_page.click("#hospital-suggestions button >> nth=0")
    phone_page.fill("#id_heart_rate", "118")
    phone_page.fill("#id_spo2", "92")
    phone_page.click("#vitals-form button")
    phone_page.wait_for_selector("#vitals >> text=118")
    phone_page.click("#advance")  # 送达医院
    phone_page.wait_for_selector("#run-times >> text=送达")

    pages.sign_in(desktop_page, live_server, "nurse_chen")
    desktop_page.goto(f"{live_server.url}/emergency/hospital/")
    assert "118" in desktop_page.inner_text("#incoming")
    pages.assert_accessible(desktop_page)
    desktop_page.click("#incoming button")
    desktop_page.wait_for_selector("text=已完成交接")
    assert Run.objects.get(pk=run.pk).status == "handed_over"
    assert page_errors == []
