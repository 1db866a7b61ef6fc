"""Fixtures for the sharing tests: a bank and its API client, a worker's dummy document, a matter."""

import datetime as dt

import pytest
from django.utils import timezone

from zhili.core.identity import services as identity
from zhili.core.orgs.choices import OrganizationKind
from zhili.core.orgs.models import Organization
from zhili.core.sharing.models import Matter
from zhili.core.testing import personas
from zhili.core.testing.dummy_scene.sharing import make_document
from zhili.core.testing.factories import EnterpriseFactory, RegionFactory, UserFactory


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def employer(county):
    return EnterpriseFactory(region=county, name="建德市新安江机械有限公司")


@pytest.fixture
def document(worker_zhang, employer):
    return make_document(worker_zhang, "张伟的劳动合同", organization=employer)


@pytest.fixture
def bank(county):
    return Organization.objects.create(kind=OrganizationKind.BANK, name="建德农商银行", region=county)


@pytest.fixture
def other_bank(county):
    return Organization.objects.create(kind=OrganizationKind.BANK, name="建德某商业银行", region=county)


@pytest.fixture
def matter(db):
    return Matter.objects.create(code="dummy_loan", name="测试贷款", department_name="建德农商银行",
                                 legal_basis="《个人信息保护法》第十三条第一款第（一）项", document_type="dummy.document",
                                 fields=["title", "state"])


def token_for(organization, scopes=("sharing.read", "sharing.verify")) -> str:
    client, secret = identity.register_api_client(name=f"{organization.name}系统", organization=organization,
                                                  scopes=list(scopes))
    _access, token = identity.issue_token(client.client_id, secret)
    return token


@pytest.fixture
def bank_token(bank):
    return token_for(bank)


def in_days(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


@pytest.fixture
def platform_admin(db):
    return UserFactory(username="admin_qian", name="钱平台", is_superuser=True, is_staff=True, phone="13800000099",
                       id_number="")


@pytest.fixture
def officer_elsewhere(db):
    from zhili.core.identity.choices import Role

    region = RegionFactory(code="330102", name="上城区")
    return personas.department_user(role=Role.INSPECTOR, name="孙明", username="inspector_sun", region=region,
                                    phone="13800000009")


@pytest.fixture
def worker_li(db):
    from zhili.core.testing.factories import make_id_number

    return personas.worker(name="李强", phone="13800000011", username="worker_li",
                           id_number=make_id_number(birth="19880512", sequence=45))
