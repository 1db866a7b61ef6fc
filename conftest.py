"""Fixtures shared by the whole suite: personas, and a real Chromium driven by Playwright."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright sync API runs an event loop in tests

from zhili.core.testing import personas

pytest_plugins = ["zhili.core.policy.pytest_plugin"]  # <app>/policy_cases/*.yaml are tests

# Generous waits: a first signature in a fresh checkout builds font caches and keys while CI runs two test
# workers on two cores. A wait is not a timing assertion; a page that never shows the element still fails.
BROWSER_WAIT_MS = 120_000

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    """Each test its own VAR_DIR (data-pool snapshots, kept facts, exports): two test workers, or two tests of
    one worker, never read or replace each other's files."""
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the site's default language: a test client request with an English cookie
    leaves English active in the thread (LocaleMiddleware activates it and nothing resets it), and the next test
    of that worker then read 'Name' where it expected 姓名."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def worker_zhang(db):
    return personas.worker()


@pytest.fixture
def hr_li(db):
    return personas.employer_admin()


@pytest.fixture
def officer_wang(db):
    return personas.department_user()


@pytest.fixture
def inspector_zhao(db):
    from zhili.core.identity.choices import Role

    return personas.department_user(role=Role.INSPECTOR, name="赵强", username="inspector_zhao", phone="13800000004")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("ZHILI_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page_errors():
    return []


@pytest.fixture
def phone_page(browser, live_server, page_errors):
    """A phone-sized page (iPhone 12 viewport) whose JavaScript errors are collected."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="zh-CN")
    context.set_default_timeout(BROWSER_WAIT_MS)
    page = context.new_page()
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser, live_server, page_errors):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(BROWSER_WAIT_MS)
    page = context.new_page()
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    yield page
    context.close()
