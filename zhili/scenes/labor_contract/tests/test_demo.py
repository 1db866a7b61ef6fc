"""The demo data of the scene: contracts in every state through the services, loaded once, really signed."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from zhili.core.esign.api import verify_pdf
from zhili.core.foundation.api import pii
from zhili.core.ledger.api import entries_for
from zhili.core.notify.api import Message
from zhili.core.scenes.api import enterprise_usccs, worker_specs
from zhili.scenes.labor_contract import services
from zhili.scenes.labor_contract.choices import ContractStatus
from zhili.scenes.labor_contract.models import LaborContract


@pytest.fixture
def demo_loaded(settings, tmp_path, django_capture_on_commit_callbacks):
    """``load_demo`` run twice on an empty database (the second run must add nothing)."""
    settings.VAR_DIR = tmp_path / "var"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    first = Counter(LaborContract.objects.values_list("status", flat=True))
    messages = Message.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    return first, messages


@pytest.mark.slow
@pytest.mark.django_db
def test_load_demo_twice_creates_the_demo_contracts_once(demo_loaded):
    """Given an empty database, load_demo twice gives each state once, and the second run adds nothing."""
    first, messages = demo_loaded

    # four drafts: the demo's three, and the one industry_brain's accepted garment match becomes (labor_contract
    # takes up industry_brain.match.accepted)
    assert first == {ContractStatus.DRAFT: 4, ContractStatus.SENT: 5, ContractStatus.WORKER_SIGNED: 2,
                     ContractStatus.COMPLETED: 4, ContractStatus.EXPIRED: 1, ContractStatus.REJECTED: 1,
                     ContractStatus.EXISTING_PAPER: 8 + 98}  # enterprise 0's other 8, enterprises 1–9
    assert Counter(LaborContract.objects.values_list("status", flat=True)) == first
    assert Message.objects.count() == messages


@pytest.mark.slow
@pytest.mark.django_db
def test_the_printed_worker_phones_have_a_contract_waiting_with_its_sms(demo_loaded):
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


@pytest.mark.slow
@pytest.mark.django_db
def test_a_completed_demo_contract_is_really_signed_and_verifies(demo_loaded):
    """A completed demo contract carries the worker's signature and the seal, B-LTA, and its ledger trail."""
    contract = LaborContract.objects.filter(status=ContractStatus.COMPLETED).order_by("pk").first()

    report = verify_pdf(bytes(services.completed_document(contract).pdf))

    signatures = [s for s in report.signatures if s.kind == "signature"]
    assert report.verdict == "valid"
    assert [s.field_name for s in signatures] == ["WorkerSignature", "EmployerSeal"]
    assert all(s.intact and s.trusted and s.valid for s in signatures)
    assert [e.kind for e in entries_for(contract)] == [
        "labor_contract.contract.sent", "labor_contract.contract.worker_signed", "labor_contract.contract.sealed",
        "labor_contract.contract.completed"]
    rejected = LaborContract.objects.get(status=ContractStatus.REJECTED)
    assert rejected.reject_reason
