"""The shell every page shares: health, security headers, languages, home per role, production guard."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from zhili.core.testing.personas import PASSWORD


def test_healthz_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_pages_carry_security_headers(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_login_page_is_chinese_by_default_and_english_on_request(client, db):
    assert "短信验证码登录" in client.get("/accounts/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in page
    assert "SMS code login" in page


def test_home_shows_the_department_panel_to_an_officer_only(client, officer_wang, worker_zhang):
    client.login(username="officer_wang", password=PASSWORD)
    page = client.get("/").content.decode()
    assert 'id="department-home"' in page and 'id="worker-home"' not in page
    client.logout()
    client.force_login(worker_zhang)
    page = client.get("/").content.decode()
    assert 'id="worker-home"' in page and 'id="department-home"' not in page
    assert worker_zhang.id_number not in page


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_api_refuses_anonymous_and_answers_a_logged_in_user(client, worker_zhang):
    assert client.get("/api/v1/identity/me").status_code == 401
    client.force_login(worker_zhang)
    body = client.get("/api/v1/identity/me").json()
    assert body["phone"] == worker_zhang.masked_phone
    assert body["id_number"] == worker_zhang.masked_id_number


@pytest.mark.parametrize("missing", ["ZHILI_SECRET_KEY", "ZHILI_PII_KEY", "ZHILI_LEDGER_SIGNING_KEY"])
def test_production_mode_refuses_default_keys(missing):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHILI_") and k != "PYTEST_CURRENT_TEST"}
    env.update({"ZHILI_DEBUG": "0", "ZHILI_SECRET_KEY": "s" * 50, "ZHILI_PII_KEY": settings.PII_KEY + "x",
                "ZHILI_ESIGN_KEK": "k" * 44, "ZHILI_LEDGER_SIGNING_KEY": "l" * 44,
                "DJANGO_SETTINGS_MODULE": "zhili.settings"})
    env.pop(missing)
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True,
                            text=True, cwd=settings.BASE_DIR, timeout=60)
    assert result.returncode != 0
    expected = "ZHILI_LEDGER_SIGNING_KEY 未设置" if missing == "ZHILI_LEDGER_SIGNING_KEY" else f"{missing} 仍为开发默认值"
    assert expected in result.stderr


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="zh-hans"' in page and "短信验证码登录" in page


def test_a_scene_role_without_to_dos_finds_its_services_on_its_home(client, officer_wang):
    """A farmer's scene lists no to-dos or shortcuts for them: the home still offers their menu's services."""
    from zhili.core.testing.api import MembershipFactory, UserFactory

    farmer = UserFactory(username="farmer_home", name="种粮农户甲")
    MembershipFactory(user=farmer, role="grain_subsidy_farmer")
    client.force_login(farmer)
    page = client.get("/").content.decode()
    assert 'id="my-services"' in page and 'data-service="/grain_subsidy/' in page
    # the farmer's own scene comes first; 人大代表履职's 找代表 提意见, offered to everyone, after it
    assert page.index('data-service="/grain_subsidy/') < page.index('data-service="/deputy_duty/')
    assert 'data-service="/disability_aid/me/"' in page  # 我的助残档案, offered to everyone signed in
    client.force_login(officer_wang)
    page = client.get("/").content.decode()
    assert 'id="todos"' in page and 'id="my-services"' not in page
