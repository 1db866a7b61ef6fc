"""In a real Chromium: the opinions loop — a citizen gives an opinion by the station's QR on a 390 px phone, the
office refers it at a desk, the department answers, the citizen rates on the phone; a deputy drafts (with topic
help), submits and evaluates a suggestion on a phone. Pages are checked for fit and accessibility (axe-core)."""

import pytest

from zhili.core.testing.api import pages
from zhili.scenes.deputy_duty.models import Opinion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_opinion_goes_round_the_loop(phone_page, desktop_page, live_server, station, citizen_wang, office_ye,
                                        deputy_chen, handler_fang, housing_bureau, page_errors):
    phone, desk, base = phone_page, desktop_page, live_server.url
    pages.sign_in(phone, live_server, "citizen_wang")
    phone.goto(f"{base}/deputy_duty/s/{station.code}/")
    pages.assert_accessible(phone)
    phone.fill("#id_title", "学校门口拥堵")
    phone.fill("#id_text", "放学时车辆拥堵，建议规划临时接送车位。")
    phone.click("#opinion-submit")
    phone.wait_for_selector("#opinion-text")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    opinion = Opinion.objects.get()

    pages.sign_in(desk, live_server, "office_ye")
    desk.goto(f"{base}/deputy_duty/opinions/")
    pages.assert_accessible(desk)
    desk.click("#opinion-table >> text=学校门口拥堵")
    desk.select_option("#id_category", "education")
    desk.select_option("#id_deputy", str(deputy_chen.pk))
    desk.select_option("#id_department", str(housing_bureau.pk))
    desk.click("#grade-submit")
    desk.wait_for_selector("text=已交办")
    pages.assert_accessible(desk)
    desk.goto(f"{base}/deputy_duty/cockpit/")
    desk.wait_for_selector("[data-widget=status] canvas")
    pages.assert_accessible(desk)

    pages.sign_in(desk, live_server, "handler_fang")
    desk.goto(f"{base}/deputy_duty/opinions/{opinion.pk}/")
    desk.fill("#reply-form textarea", "已在校门东侧划设 12 个临时车位。")
    desk.click("#reply-submit")
    desk.wait_for_selector("#reply-text")

    phone.goto(f"{base}/deputy_duty/opinions/{opinion.pk}/")
    phone.check("#rate-form input[value=satisfied]")
    phone.click("#rate-submit")
    phone.wait_for_selector("#ratings")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    assert page_errors == []


def test_a_deputy_drafts_submits_and_evaluates_a_suggestion_on_a_phone(phone_page, live_server, deputy_chen,
                                                                        office_ye, housing_bureau, handler_fang,
                                                                        page_errors):
    from zhili.scenes.deputy_duty import services
    from zhili.scenes.deputy_duty.models import Suggestion

    phone, base = phone_page, live_server.url
    pages.sign_in(phone, live_server, "deputy_chen")
    phone.goto(f"{base}/deputy_duty/suggestions/new/")
    phone.wait_for_selector("#topic-help")
    phone.fill("#id_title", "增设校门口临时接送车位")
    phone.fill("#id_text", "建议在城区小学门口规划临时接送车位，缓解放学拥堵。")
    phone.click("#look-similar")
    phone.wait_for_selector("#similar")
    pages.assert_fits(phone)
    pages.assert_accessible(phone)
    phone.click("#save-draft")
    phone.click("#submit-suggestion")
    phone.wait_for_selector("text=已提交待审查")
    suggestion = Suggestion.objects.get()
    services.assign_suggestion(suggestion, lead_unit=housing_bureau, actor=office_ye)
    services.answer_suggestion(suggestion, answer_class="B", answer="已列入明年计划。", actor=handler_fang)
    phone.goto(f"{base}{suggestion.get_absolute_url()}")
    phone.check("#evaluate-form input[value=basic]")
    pages.assert_accessible(phone)
    phone.click("#evaluate-submit")
    phone.wait_for_selector("text=已办结")
    pages.assert_fits(phone)
    assert page_errors == []
