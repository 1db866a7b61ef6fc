"""Status codes: a genuine, current code shows its colour; a forged or stale one is recognised."""

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone

from zhili.core.indicators.models import EntityLevel
from zhili.core.indicators.services import evaluate_system
from zhili.core.indicators.statuscodes import (
    check_status_code,
    issue_status_code,
    status_code_payload,
    status_code_svg,
)

from .conftest import PERIOD_END

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(officer_wang, wage_data):
    wage_data(officer_wang)
    evaluate_system("dummy_wage_risk", PERIOD_END, actor=officer_wang)


def test_a_genuine_code_shows_the_current_colour(evaluated, client):
    token = issue_status_code("dummy_wage_risk", "U_ORANGE")

    check = check_status_code(token)
    response = client.get(f"/indicators/code/{token}")

    assert (check.valid, check.entity, check.level) == (True, "U_ORANGE", "orange")
    assert response.status_code == 200
    assert "橙色预警" in response.content.decode()
    assert "#f5871f" in status_code_svg(token, "orange")


def test_a_forged_payload_is_rejected(evaluated, client):
    """Given a genuine orange code, a payload rewritten to green (signed with another key) is refused."""
    now = timezone.now()
    forged = signing.dumps({"s": "dummy_wage_risk", "e": "U_ORANGE", "l": "none", "i": int(now.timestamp()),
                            "x": int((now + dt.timedelta(hours=1)).timestamp())},
                           key="not-the-platform-key", salt="zhili.indicators.status_code", compress=True)
    genuine = issue_status_code("dummy_wage_risk", "U_ORANGE")
    body, signature = genuine.rsplit(":", 1)
    tampered = f"{body[:-2]}AA:{signature}"

    assert check_status_code(forged).valid is False
    assert check_status_code(forged).reason == "伪造或过期：签名无效"
    assert check_status_code(tampered).valid is False
    response = client.get(f"/indicators/code/{forged}")
    assert response.status_code == 410
    assert "伪造或过期" in response.content.decode()
    assert "无预警" not in response.content.decode()


def test_an_expired_or_superseded_code_is_stale(evaluated):
    long_ago = timezone.now() - dt.timedelta(days=3)
    expired = status_code_payload("dummy_wage_risk", "U_ORANGE", "orange", long_ago, long_ago + dt.timedelta(hours=1))
    superseded = issue_status_code("dummy_wage_risk", "U_ORANGE")
    EntityLevel.objects.filter(entity_key="U_ORANGE").update(level="red")

    assert check_status_code(expired).reason == "伪造或过期：码已过期"
    assert check_status_code(superseded).reason == "伪造或过期：等级已更新"
