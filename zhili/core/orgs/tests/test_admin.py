"""The admin pages for regions, industries and organisations, in Chinese, writing through the services."""

import pytest
from django.urls import reverse

from zhili.core.foundation.models import AuditEntry
from zhili.core.identity.models import User
from zhili.core.orgs import loaders, services
from zhili.core.orgs.models import Industry, Organization, Region
from zhili.core.testing.factories import make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    superuser = User.objects.create_superuser("root", "Root-pass-2026")
    client.force_login(superuser)
    services.import_regions(loaders.read_csv(loaders.ZHEJIANG_REGIONS_CSV))
    services.import_industries(loaders.read_csv(loaders.INDUSTRIES_CSV))
    services.register_enterprise(name="建德市莲花电子科技有限公司", uscc=make_uscc(sequence=5),
                                 region=Region.objects.get(code="330182101000"), actor=None)
    client.superuser = superuser
    return client


@pytest.mark.parametrize("model", ["region", "industry", "organization"])
def test_changelists_render_for_a_superuser(admin_client, model):
    response = admin_client.get(reverse(f"admin:orgs_{model}_changelist"))

    assert response.status_code == 200


def test_region_search_by_code_and_name(admin_client):
    by_code = admin_client.get(reverse("admin:orgs_region_changelist"), {"q": "330182001000"})
    by_name = admin_client.get(reverse("admin:orgs_region_changelist"), {"q": "寿昌"})

    assert list(by_code.context["cl"].result_list.values_list("name", flat=True)) == ["新安江街道"]
    assert list(by_name.context["cl"].result_list.values_list("code", flat=True)) == ["330182109000"]


def test_organization_filters_by_kind_size_status_and_region(admin_client):
    region = Region.objects.get(code="330182101000")
    response = admin_client.get(reverse("admin:orgs_organization_changelist"),
                                {"kind": "enterprise", "status": "active", "region__id__exact": region.pk})

    assert response.status_code == 200
    assert [o.name for o in response.context["cl"].result_list] == ["建德市莲花电子科技有限公司"]
    assert "类型" in response.content.decode()


def test_code_lists_are_read_only_in_admin(admin_client):
    region = Region.objects.get(code="330182")

    response = admin_client.post(reverse("admin:orgs_region_change", args=[region.pk]), {"name": "改名"})

    assert response.status_code == 403
    assert Region.objects.get(code="330182").name == "建德市"


def test_adding_an_enterprise_in_admin_goes_through_the_service(admin_client):
    uscc = make_uscc(sequence=99)
    data = {"kind": "enterprise", "name": "建德市新开公司", "uscc": uscc, "legal_representative": "王五",
            "address": "", "region": Region.objects.get(code="330182").pk, "industry": Industry.objects.get(code="34").pk,
            "size": "small", "parent": "", "status": "active"}

    response = admin_client.post(reverse("admin:orgs_organization_add"), data)

    assert response.status_code == 302
    created = Organization.objects.get(uscc=uscc)
    assert created.name == "建德市新开公司"
    entry = AuditEntry.objects.get(action="orgs.enterprise.registered", target_id=str(created.pk))
    assert entry.actor_id == admin_client.superuser.pk


def test_changing_an_enterprise_in_admin_is_audited(admin_client):
    enterprise = Organization.objects.get()
    data = {"name": "建德市莲花电子有限公司", "legal_representative": "", "address": "",
            "region": enterprise.region_id, "industry": "", "size": "micro", "parent": "", "status": "abnormal"}

    response = admin_client.post(reverse("admin:orgs_organization_change", args=[enterprise.pk]), data)

    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.size, enterprise.status) == ("建德市莲花电子有限公司", "micro", "abnormal")
    assert AuditEntry.objects.get(action="orgs.organization.changed").data == {"fields": ["name", "size", "status"]}
