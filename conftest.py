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


# The fixtures through which a test reaches the database (directly or through fixtures it depends on).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                     "live_server"}


def uses_database(item) -> bool:
    """Whether a collected test touches the database: it asks for a database fixture (perhaps through another
    fixture) or carries the ``django_db`` mark. pytest-django blocks every other test's database access, so a test
    for which this is False runs the same on any database."""
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or item.get_closest_marker("django_db") is not None


def pytest_collection_modifyitems(config, items):
    """With ``ZHILI_TEST_DATABASE_TESTS_ONLY=1`` (bin/test's second run, on PostgreSQL) only the tests that touch the
    database run: the others (PDF signatures, parsers, rule tables, catalogues — a third of the suite) cannot give
    another result on another database, and they already ran in the first run."""
    if os.environ.get("ZHILI_TEST_DATABASE_TESTS_ONLY") != "1":
        return
    kept, skipped = [], []
    for item in items:
        (kept if uses_database(item) else skipped).append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = kept


@pytest.fixture(scope="session")
def _font_cache(tmp_path_factory):
    """One cache of extracted CJK faces per test worker: building the GB 2312 subset takes seconds, and every test
    that renders or signs a PDF would otherwise build it again in its own VAR_DIR. The cache is keyed by the source
    font and its character order (zhili.core.esign.fonts), so sharing it changes no result."""
    return tmp_path_factory.mktemp("esign-fonts")


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path, _font_cache):
    """Each test its own VAR_DIR (data-pool snapshots, kept facts, exports): two test workers, or two tests of
    one worker, never read or replace each other's files. Only the font cache is shared (see ``_font_cache``)."""
    settings.VAR_DIR = tmp_path / "var"
    settings.ESIGN_FONT_CACHE_DIR = _font_cache


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
