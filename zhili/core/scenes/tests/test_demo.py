"""The demo data: loaded twice without change, valid identifiers, no plaintext personal data at rest or in admin."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from zhili.core.foundation.models import AuditEntry
from zhili.core.foundation.validators import validate_id_number, validate_mobile, validate_uscc
from zhili.core.identity.choices import Role
from zhili.core.identity.models import Membership, User
from zhili.core.identity.services import check_password_login
from zhili.core.orgs.models import Industry, Organization, Region
from zhili.core.scenes import demo

pytestmark = pytest.mark.django_db

MODELS = (User, Membership, Organization, Region, Industry, AuditEntry)
# What the core demo creates lies in 建德市; scenes' demos add their own people and bodies elsewhere.
IN_JIANDE = "/330182/"


def _core_users():
    return User.objects.filter(Q(memberships__organization__region__path__contains=IN_JIANDE)
                               | Q(username="admin")).distinct()


def _load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_twice_gives_identical_counts_and_no_new_audit_entries():
    first = _load_demo()
    counts = _counts()

    second = _load_demo()

    assert _counts() == counts
    assert Organization.objects.filter(region__path__contains=IN_JIANDE).count() == 21
    assert _core_users().count() == 207
    assert Organization.objects.filter(kind="enterprise", region__path__contains=IN_JIANDE).count() == 20
    assert Organization.objects.filter(is_dispatch_agency=True, region__path__contains=IN_JIANDE).count() == 1
    assert Membership.objects.filter(role=Role.WORKER, organization__region__path__contains=IN_JIANDE).count() == 200
    assert "新建企业 20，劳动者 200，工作人员账号 7" in first
    assert "新建企业 0，劳动者 0，工作人员账号 0" in second


def test_every_demo_identifier_passes_the_validators():
    _load_demo()

    for enterprise in Organization.objects.filter(kind="enterprise"):
        validate_uscc(enterprise.uscc)
    people = list(_core_users().exclude(username="admin"))
    assert len(people) == 206
    for person in people:
        validate_id_number(person.id_number)
        validate_mobile(person.phone)
    workers = [m.user for m in Membership.objects.filter(role=Role.WORKER).select_related("user")]
    years = {int(w.id_number[6:10]) for w in workers}
    assert min(years) >= 1965 and max(years) <= 2006
    assert {int(w.id_number[16]) % 2 for w in workers} == {0, 1}
    assert {w.id_number[:2] for w in workers} == {"33", "34", "36", "41", "51", "52"}


def test_the_demo_is_the_same_on_every_run():
    assert demo.worker_specs() == demo.worker_specs()
    assert demo.enterprise_usccs() == demo.enterprise_usccs()
    assert len({s.phone for s in demo.worker_specs()}) == 200


def test_no_plaintext_id_number_or_phone_is_stored():
    _load_demo()
    core = list(_core_users())
    plain = {(u.id_number, u.phone) for u in core}

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM identity_user")
        stored = cursor.fetchall()

    assert len(core) == 207
    id_numbers = {i for i, _ in plain if i}
    phones = {p for _, p in plain if p}
    assert len(id_numbers) == 206 and len(phones) == 206
    for id_number, phone in stored:
        assert id_number == "" or id_number.startswith("v1:")
        assert phone == "" or phone.startswith("v1:")
        assert not re.search(r"\d{11}", id_number + phone.replace("v1:", "x"))
        assert id_number not in id_numbers and phone not in phones


def test_staff_logins_work_and_scopes_are_set():
    _load_demo()

    officer = check_password_login("officer_wang", "Zhili-demo-2026", ip_address=None)
    town = Membership.objects.get(user__username="officer_town")
    hr = Membership.objects.get(user__username="hr_li")

    assert officer.memberships.get().organization.name == "建德市人力资源和社会保障局"
    assert (town.role, town.region.name) == (Role.OFFICER, "新安江街道")
    assert (hr.role, hr.organization.name) == (Role.EMPLOYER_ADMIN, demo.ENTERPRISES[0][0])
    assert User.objects.get(username="admin").is_superuser
    assert Membership.objects.get(user__username="seal_chen").role == Role.SEAL_KEEPER


ADMIN_PAGES = [
    "admin:identity_user_changelist", "admin:identity_membership_changelist", "admin:identity_apiclient_changelist",
    "admin:identity_accesstoken_changelist", "admin:identity_otpchallenge_changelist",
    "admin:orgs_organization_changelist", "admin:orgs_region_changelist", "admin:orgs_industry_changelist",
]


def test_admin_pages_render_without_any_plaintext_id_number_or_phone(client):
    _load_demo()
    client.force_login(User.objects.get(username="admin"))
    secrets = [v for u in User.objects.all() for v in (u.id_number, u.phone) if v]

    for name in ADMIN_PAGES:
        response = client.get(reverse(name), {"all": ""})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert [s for s in secrets if s in html] == [], name
    worker = Membership.objects.filter(role=Role.WORKER).first().user
    page = client.get(reverse("admin:identity_user_change", args=[worker.pk])).content.decode()
    assert worker.id_number not in page and worker.phone not in page
    assert worker.masked_id_number in page
    assert 'name="password"' not in page and "argon2" not in page


def test_user_admin_lists_masked_values_and_searches_by_blind_index(client):
    _load_demo()
    client.force_login(User.objects.get(username="admin"))
    worker = Membership.objects.filter(role=Role.WORKER).first().user

    response = client.get(reverse("admin:identity_user_changelist"), {"q": worker.phone})

    assert [u.pk for u in response.context["cl"].result_list] == [worker.pk]
    html = response.content.decode()
    assert worker.masked_phone in html and worker.masked_id_number in html
    echoed = html.replace(f'value="{worker.phone}"', "").replace(f"q={worker.phone}", "").replace(f"q%3D{worker.phone}", "")
    assert worker.phone not in echoed  # only the search box and its links echo what was typed
