"""The whole platform's demo (``load_demo``, what ``bin/up`` loads): loaded twice on an empty database, once for this
module — each full load takes a minute under CI, and these checks used to load it sixteen times per run.

The two loads run inside one transaction that is rolled back when the module ends; each test runs in a savepoint
within it, as every database test does. What the first load left is recorded between the two loads, so each scene can
check that the second load added nothing. Scenes' own demo tests call their scene's ``demo.load`` on a small
database; here is what needs the whole platform (the core's people and bodies, and scenes that build on them).
"""

import io
import re
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.test import TestCase, override_settings
from django.urls import reverse

from zhili.core.esign.api import verify_pdf
from zhili.core.foundation.api import pii
from zhili.core.foundation.models import AuditEntry
from zhili.core.foundation.validators import validate_id_number, validate_mobile, validate_uscc
from zhili.core.identity.choices import Role
from zhili.core.identity.models import Membership, User
from zhili.core.identity.services import check_password_login
from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.core.orgs.models import Industry, Organization, Region
from zhili.core.scenes import demo as core_demo
from zhili.core.scenes.api import ENTERPRISES, enterprise_usccs, worker_specs
from zhili.scenes.labor_contract import services as contracts
from zhili.scenes.labor_contract.choices import ContractStatus
from zhili.scenes.labor_contract.models import LaborContract
from zhili.scenes.labor_risk.choices import WarningStatus
from zhili.scenes.labor_risk.demo import PLANTED
from zhili.scenes.labor_risk.models import MonitoredEnterprise, RiskWarning
from zhili.scenes.relief_match.models import ReliefHousehold, ReliefWarning

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

MODELS = (User, Membership, Organization, Region, Industry, AuditEntry)
# What the core demo creates lies in 建德市; scenes' demos add their own people and bodies elsewhere.
IN_JIANDE = "/330182/"


def _core_users():
    return User.objects.filter(Q(memberships__organization__region__path__contains=IN_JIANDE)
                               | Q(username="admin")).distinct()


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _load_demo() -> str:
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the work a commit would start (SMS, evaluations)
        call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory, _font_cache):
    var = tmp_path_factory.mktemp("demo-var")
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var, ESIGN_FONT_CACHE_DIR=_font_cache):
        with transaction.atomic():
            first = _load_demo()
            after_first = SimpleNamespace(
                counts=_counts(),
                contracts=Counter(LaborContract.objects.values_list("status", flat=True)),
                messages=Message.objects.count(),
                risk_warnings=list(RiskWarning.objects.values_list("pk", flat=True)),
                relief_warnings=ReliefWarning.objects.count(),
                last_audit=AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first(),
            )
            second = _load_demo()
            yield SimpleNamespace(first=first, second=second, after_first=after_first, var=var)
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _own_var_dir(settings, demo, _font_cache):
    """Replaces the suite's per-test VAR_DIR: these tests read what the demo wrote."""
    settings.VAR_DIR = demo.var
    settings.ESIGN_FONT_CACHE_DIR = _font_cache


# --- the core's people and bodies ---------------------------------------------------------------------------------

def test_load_demo_twice_gives_identical_counts_and_no_new_audit_entries(demo):
    added = list(AuditEntry.objects.filter(pk__gt=demo.after_first.last_audit).values_list("action", "target_repr", "data"))
    assert added == []
    assert _counts() == demo.after_first.counts
    assert Organization.objects.filter(region__path__contains=IN_JIANDE).count() == 21
    assert _core_users().count() == 207
    assert Organization.objects.filter(kind="enterprise", region__path__contains=IN_JIANDE).count() == 20
    assert Organization.objects.filter(is_dispatch_agency=True, region__path__contains=IN_JIANDE).count() == 1
    assert Membership.objects.filter(role=Role.WORKER, organization__region__path__contains=IN_JIANDE).count() == 200
    assert "新建企业 20，劳动者 200，工作人员账号 7" in demo.first
    assert "新建企业 0，劳动者 0，工作人员账号 0" in demo.second


def test_every_demo_identifier_passes_the_validators(demo):
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
    assert core_demo.worker_specs() == core_demo.worker_specs()
    assert core_demo.enterprise_usccs() == core_demo.enterprise_usccs()
    assert len({s.phone for s in core_demo.worker_specs()}) == 200


def test_no_plaintext_id_number_or_phone_is_stored(demo):
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


def test_staff_logins_work_and_scopes_are_set(demo):
    officer = check_password_login("officer_wang", "Zhili-demo-2026", ip_address=None)
    town = Membership.objects.get(user__username="officer_town")
    hr = Membership.objects.get(user__username="hr_li")

    assert officer.memberships.get().organization.name == "建德市人力资源和社会保障局"
    assert (town.role, town.region.name) == (Role.OFFICER, "新安江街道")
    assert (hr.role, hr.organization.name) == (Role.EMPLOYER_ADMIN, core_demo.ENTERPRISES[0][0])
    assert User.objects.get(username="admin").is_superuser
    assert Membership.objects.get(user__username="seal_chen").role == Role.SEAL_KEEPER


ADMIN_PAGES = [
    "admin:identity_user_changelist", "admin:identity_membership_changelist", "admin:identity_apiclient_changelist",
    "admin:identity_accesstoken_changelist", "admin:identity_otpchallenge_changelist",
    "admin:orgs_organization_changelist", "admin:orgs_region_changelist", "admin:orgs_industry_changelist",
]


def test_admin_pages_render_without_any_plaintext_id_number_or_phone(demo, client):
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


def test_user_admin_lists_masked_values_and_searches_by_blind_index(demo, client):
    client.force_login(User.objects.get(username="admin"))
    worker = Membership.objects.filter(role=Role.WORKER).first().user

    response = client.get(reverse("admin:identity_user_changelist"), {"q": worker.phone})

    assert [u.pk for u in response.context["cl"].result_list] == [worker.pk]
    html = response.content.decode()
    assert worker.masked_phone in html and worker.masked_id_number in html
    echoed = html.replace(f'value="{worker.phone}"', "").replace(f"q={worker.phone}", "").replace(f"q%3D{worker.phone}", "")
    assert worker.phone not in echoed  # only the search box and its links echo what was typed


# --- labor_contract: contracts in every state through the services, really signed ----------------------------------

def test_load_demo_twice_creates_the_demo_contracts_once(demo):
    first = demo.after_first.contracts
    # four drafts: the demo's three, and the one industry_brain's accepted garment match becomes (labor_contract
    # takes up industry_brain.match.accepted)
    assert first == {ContractStatus.DRAFT: 4, ContractStatus.SENT: 5, ContractStatus.WORKER_SIGNED: 2,
                     ContractStatus.COMPLETED: 4, ContractStatus.EXPIRED: 1, ContractStatus.REJECTED: 1,
                     ContractStatus.EXISTING_PAPER: 8 + 98}  # enterprise 0's other 8, enterprises 1–9
    assert Counter(LaborContract.objects.values_list("status", flat=True)) == first
    assert Message.objects.count() == demo.after_first.messages


def test_the_printed_worker_phones_have_a_contract_waiting_with_its_sms(demo):
    """The two workers load_demo prints each find a sent contract, invited by SMS with a short link."""
    first_employer = enterprise_usccs()[0]
    for spec in [s for s in worker_specs() if s.enterprise_index == 0][:2]:
        contract = LaborContract.objects.get(worker_phone_index=pii.blind_index(spec.phone))
        assert (contract.status, contract.employer.uscc, contract.worker_name) == (
            ContractStatus.SENT, first_employer, spec.name)
        assert contract.sign_url.startswith("http") and "/notify/s/" in contract.sign_url
        sms = Message.objects.get(dedup_key=f"labor_contract:invite:{contract.pk}")
        assert (sms.channel, sms.address) == ("sms", spec.phone)
        assert contract.sign_url in sms.body


def test_a_completed_demo_contract_is_really_signed_and_verifies(demo):
    """A completed demo contract carries the worker's signature and the seal, B-LTA, and its ledger trail."""
    contract = LaborContract.objects.filter(status=ContractStatus.COMPLETED).order_by("pk").first()

    report = verify_pdf(bytes(contracts.completed_document(contract).pdf))

    signatures = [s for s in report.signatures if s.kind == "signature"]
    assert report.verdict == "valid"
    assert [s.field_name for s in signatures] == ["WorkerSignature", "EmployerSeal"]
    assert all(s.intact and s.trusted and s.valid for s in signatures)
    assert [e.kind for e in entries_for(contract)] == [
        "labor_contract.contract.sent", "labor_contract.contract.worker_signed", "labor_contract.contract.sealed",
        "labor_contract.contract.completed"]
    rejected = LaborContract.objects.get(status=ContractStatus.REJECTED)
    assert rejected.reject_reason


# --- labor_risk: the demo enterprises' department data loaded and evaluated once ------------------------------------

def test_load_demo_twice_evaluates_the_demo_enterprises_once(demo):
    """The three planted enterprises get red/orange warnings with cases routed to inspector 赵强; the second load
    adds nothing."""
    usccs = enterprise_usccs()
    assert MonitoredEnterprise.objects.filter(uscc__in=usccs).count() == len(ENTERPRISES)
    serious = {w.enterprise.uscc: (w.level, w.status, w.case.assignee.username)
               for w in RiskWarning.objects.filter(level__in=["orange", "red"]).select_related("enterprise", "case")}
    assert serious == {usccs[3]: ("red", WarningStatus.CASE_OPEN, "inspector_zhao"),
                       usccs[10]: ("orange", WarningStatus.CASE_OPEN, "inspector_zhao"),
                       usccs[14]: ("orange", WarningStatus.CASE_OPEN, "inspector_zhao")}
    assert set(PLANTED) == {3, 10, 14}
    assert list(RiskWarning.objects.values_list("pk", flat=True)) == demo.after_first.risk_warnings


# --- relief_match: regions, owners, logins for each role, and a synthetic county run once ----------------------------

def test_load_demo_twice_runs_the_county_once(demo):
    assert "助共体演示数据：3000 人" in demo.first
    for username in ("citizen_li", "officer_chen", "mingzheng_zhou", "volunteer_xu"):
        assert username in demo.first
    warnings = demo.after_first.relief_warnings
    assert warnings > 0 and ReliefWarning.objects.count() == warnings
    assert ReliefWarning.objects.filter(case__assignee__username="officer_chen").count() == warnings
    household = ReliefHousehold.objects.get(key="H0000002")
    assert household.user.username == "citizen_li" and household.user.is_verified
