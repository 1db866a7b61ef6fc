"""Registering enterprises and departments, and who may see which enterprises."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.models import AuditEntry
from zhili.core.orgs import loaders, queries, services
from zhili.core.orgs.models import Organization, Region
from zhili.core.testing import personas
from zhili.core.testing.factories import make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhejiang(db):
    services.import_regions(loaders.read_csv(loaders.ZHEJIANG_REGIONS_CSV))
    return {r.code: r for r in Region.objects.all()}


def test_an_officer_registers_an_enterprise_in_their_county(zhejiang):
    officer = personas.department_user(region=zhejiang["330182"])
    uscc = make_uscc(sequence=4242)

    enterprise = services.register_enterprise(
        name="建德市测试机械有限公司", uscc=uscc.lower(), region=zhejiang["330182109000"], size="small",
        actor=officer)

    assert (enterprise.kind, enterprise.uscc, enterprise.region.name) == ("enterprise", uscc, "寿昌镇")
    entry = AuditEntry.objects.get(action="orgs.enterprise.registered")
    assert (entry.actor_id, entry.target_id, entry.data["uscc"]) == (officer.pk, str(enterprise.pk), uscc)


def test_a_wrong_uscc_check_character_is_refused_with_a_clear_message(zhejiang):
    uscc = make_uscc(sequence=7)
    wrong = uscc[:-1] + ("0" if uscc[-1] != "0" else "1")

    with pytest.raises(ValidationError) as raised:
        services.register_enterprise(name="某公司", uscc=wrong, region=zhejiang["330182"], actor=None)

    assert raised.value.message_dict == {"uscc": ["统一社会信用代码校验位错误（GB 32100）"]}
    assert Organization.objects.count() == 0


def test_a_uscc_is_registered_only_once(zhejiang):
    uscc = make_uscc(sequence=8)
    services.register_enterprise(name="甲公司", uscc=uscc, region=zhejiang["330182"], actor=None)

    with pytest.raises(ValidationError) as raised:
        services.register_enterprise(name="乙公司", uscc=uscc, region=zhejiang["330182"], actor=None)

    assert raised.value.message_dict == {"uscc": [f"统一社会信用代码 {uscc} 已登记"]}
    assert list(Organization.objects.values_list("name", flat=True)) == ["甲公司"]


def test_an_officer_cannot_register_an_enterprise_outside_their_scope(zhejiang):
    town_officer = personas.department_user(region=zhejiang["330182001000"], username="officer_town")
    audits = AuditEntry.objects.count()

    with pytest.raises(PermissionDenied):
        services.register_enterprise(name="外地公司", uscc=make_uscc(sequence=9), region=zhejiang["330182109000"],
                                     actor=town_officer)

    assert Organization.objects.filter(kind="enterprise").count() == 0
    assert AuditEntry.objects.count() == audits


def test_an_employer_admin_cannot_register_enterprises(zhejiang, hr_li):
    with pytest.raises(PermissionDenied):
        services.register_enterprise(name="新公司", uscc=make_uscc(sequence=10), region=zhejiang["330182"],
                                     actor=hr_li)
    assert Organization.objects.filter(name="新公司").count() == 0


def test_update_records_which_fields_changed(zhejiang):
    officer = personas.department_user(region=zhejiang["330182"])
    enterprise = services.register_enterprise(name="丙公司", uscc=make_uscc(sequence=11), region=zhejiang["330182"],
                                              actor=None)

    services.update_organization(enterprise, actor=officer, status="abnormal", name="丙公司")

    enterprise.refresh_from_db()
    assert enterprise.status == "abnormal"
    assert AuditEntry.objects.get(action="orgs.organization.changed").data == {"fields": ["status"]}


def test_regions_under_a_county_are_the_county_and_its_towns(zhejiang):
    codes = list(queries.regions_under(zhejiang["330182"]).values_list("code", flat=True))

    assert codes[0] == "330182"
    assert len(codes) == 17
    assert queries.regions_under(zhejiang["330182"], include_self=False).count() == 16
    assert queries.regions_under(zhejiang["330000"]).count() == 118


def test_enterprises_in_scope_follow_the_data_scope(zhejiang):
    in_town = services.register_enterprise(name="新安江公司", uscc=make_uscc(sequence=21),
                                           region=zhejiang["330182001000"], actor=None)
    in_county = services.register_enterprise(name="寿昌公司", uscc=make_uscc(sequence=22),
                                             region=zhejiang["330182109000"], actor=None)
    elsewhere = services.register_enterprise(name="淳安公司", uscc=make_uscc("330127", sequence=23),
                                             region=zhejiang["330127"], actor=None)
    county_officer = personas.department_user(region=zhejiang["330182"])
    town_officer = personas.department_user(region=zhejiang["330182001000"], username="officer_town",
                                            phone="13800000009")
    employer = personas.employer_admin(enterprise=elsewhere)

    assert list(queries.enterprises_in_scope(county_officer)) == [in_county, in_town]
    assert list(queries.enterprises_in_scope(town_officer)) == [in_town]
    assert list(queries.enterprises_in_scope(employer)) == [elsewhere]
    assert queries.enterprises_in_scope(employer).filter(pk=in_town.pk).count() == 0


def test_a_worker_without_scope_sees_no_enterprises(zhejiang, worker_zhang):
    services.register_enterprise(name="某公司", uscc=make_uscc(sequence=31), region=zhejiang["330182"], actor=None)

    assert list(queries.enterprises_in_scope(worker_zhang)) == []


def test_department_registration_is_for_platform_admins(zhejiang, officer_wang):
    with pytest.raises(PermissionDenied):
        services.register_department(name="某局", region=zhejiang["330182"], actor=officer_wang)

    bureau = services.register_department(name="建德市某局", region=zhejiang["330182"], actor=None)
    assert (bureau.kind, bureau.uscc) == ("department", None)
    assert Organization.objects.filter(name="某局").count() == 0
