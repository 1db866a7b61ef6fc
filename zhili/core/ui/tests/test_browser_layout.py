"""The workbench layout in Chromium: the left menu by role and scene, breadcrumbs, the message badge, toasts, and
no sideways scrolling from 1366 px down to a 360 px phone (the menu collapses under its toggler there), and no
serious or critical axe-core violation on the pages walked."""


import pytest

from zhili.core.notify.api import send_in_app
from zhili.core.testing.api import pages


@pytest.mark.django_db(transaction=True)
def test_officer_on_a_desktop_finds_the_menu_breadcrumbs_and_message_badge(desktop_page, live_server, officer_wang,
                                                                            inspector_zhao, page_errors):
    send_in_app(officer_wang, "notice", {"title": "督办", "content": "有一件工单即将到期"})
    page = desktop_page
    pages.sign_in(page, live_server, "officer_wang")
    assert page.is_visible("#sidebar-menu")  # shown without a click on a desktop
    pages.assert_accessible(page)  # the workbench: no serious or critical axe-core violation
    labels = pages.menu_labels(page)
    assert labels[0] == "工作台" and "工单办理" in labels and "授权管理" not in labels
    assert page.inner_text("#message-badge .badge") == "1"
    page.click("#sidebar-menu >> text=工单办理")
    page.wait_for_url("**/cases/")
    assert page.inner_text("#sidebar-menu .nav-item.active") == "工单办理"
    assert page.locator(".zl-breadcrumbs .breadcrumb-item").all_inner_texts() == ["工作台", "协同处置", "工单办理"]
    pages.assert_fits(page)
    pages.assert_accessible(page)
    page.click("#message-badge")
    page.wait_for_url("**/notify/inbox/")
    pages.assert_fits(page)
    # the inspector's workbench and 工单办理 on the same desk (the role's one journey)
    page.click(".zl-topbar .zl-logout")
    page.wait_for_url("**/accounts/login/**")
    pages.sign_in(page, live_server, "inspector_zhao")
    pages.assert_fits(page)
    pages.assert_accessible(page)
    page.click("#sidebar-menu >> text=工单办理")
    page.wait_for_url("**/cases/")
    pages.assert_fits(page)
    pages.assert_accessible(page)
    assert page_errors == []


@pytest.mark.django_db(transaction=True)
def test_worker_on_a_small_phone_opens_the_collapsed_menu_and_switches_language(browser, live_server, worker_zhang,
                                                                           page_errors):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  locale="zh-CN")
    page = context.new_page()
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    try:
        pages.sign_in(page, live_server, worker_zhang.username)  # personas have a password too
        pages.assert_fits(page)
        pages.assert_accessible(page)  # the citizen's home, its role badge readable
        assert not page.is_visible("#sidebar-menu")  # collapsed under the toggler on a phone
        pages.open_menu(page)
        assert {"授权管理", "查阅记录"} <= set(pages.menu_labels(page))
        pages.assert_fits(page)
        page.click("#sidebar-menu >> text=授权管理")
        page.wait_for_url("**/sharing/")
        pages.assert_fits(page)
        pages.assert_accessible(page)  # the link in running text is underlined
        # Switching the language posts a form and comes back with the page in English.
        page.click(".zl-lang button[lang=en]")
        page.wait_for_selector("html[lang=en]")
        pages.assert_fits(page)
        assert page_errors == []
    finally:
        context.close()
