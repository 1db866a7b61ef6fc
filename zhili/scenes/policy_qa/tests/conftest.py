"""Personas of the 政策咨询机器人 scene: 钱敏 an officer of 建德市, 孙涛 an officer of 淳安县, 周洋 a decision-maker,
张伟 a worker; the official texts the knowledge base cites, loaded once per test that needs them."""

from pathlib import Path

import pytest

from zhili.core.testing.api import RegionFactory, personas

from ..roles import LEADER, OFFICER

TEXTS = Path(__file__).resolve().parent / "texts"


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def officer_qian(county):
    return personas.department_user(role=OFFICER, name="钱敏", username="officer_qian", region=county,
                                    phone="13800000021")


@pytest.fixture
def officer_sun(db):
    chun_an = RegionFactory(code="330127", name="淳安县")
    return personas.department_user(role=OFFICER, name="孙涛", username="officer_sun", region=chun_an,
                                    phone="13800000022")


@pytest.fixture
def leader_zhou(county):
    return personas.department_user(role=LEADER, name="周洋", username="leader_zhou", region=county,
                                    phone="13800000024")


@pytest.fixture
def worker_zhang(db):
    return personas.worker()


def load(name: str, actor, **kwargs):
    from .. import services

    return services.load_text(name=name, data=(TEXTS / name).read_bytes(), actor=actor, **kwargs)


@pytest.fixture
def knowledge(officer_qian):
    """The labour contract law, its regulation, the migrant-wage regulation and the criminal-law excerpt, and the
    shipped knowledge base."""
    import datetime as dt

    from .. import services

    load("劳动合同法.txt", officer_qian, effective_from=dt.date(2013, 7, 1))
    load("劳动合同法实施条例.txt", officer_qian, effective_from=dt.date(2008, 9, 18))
    load("保障农民工工资支付条例.txt", officer_qian)
    load("刑法节选.txt", officer_qian, effective_from=dt.date(2011, 5, 1))
    services.install_knowledge(actor=officer_qian)
    return officer_qian
