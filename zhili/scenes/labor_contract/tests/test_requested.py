"""A worker on a construction roster asks (through the core event ``wage_guard.contract.requested``) for the
labour contract their employer owes them: the employer gets a draft to check and send, once, and is told."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from zhili.core.foundation.api import events
from zhili.core.notify.api import Message
from zhili.scenes.labor_contract.models import LaborContract


def _request(worker, employer, *, daily_rate="350", entered_on="2026-03-01"):
    with transaction.atomic():  # delivered on commit, as in the running platform
        events.publish("wage_guard.contract.requested", entry_id=1, worker_id=worker.pk, employer_id=employer.pk,
                       employer_uscc=employer.uscc or "", project_id=1, project_name="新安江花园一期",
                       trade="钢筋工", daily_rate=daily_rate, entered_on=entered_on)


def test_the_request_becomes_a_draft_for_the_employer_once(django_capture_on_commit_callbacks, hr_li, employer,
                                                          worker_zhang):
    with django_capture_on_commit_callbacks(execute=True):
        _request(worker_zhang, employer)
    contract = LaborContract.objects.get()
    assert (contract.status, contract.employer, contract.worker, contract.term_type) == (
        "draft", employer, worker_zhang, "task_based")
    assert contract.worker_id_number == worker_zhang.id_number
    assert contract.monthly_wage == Decimal("7612.50")  # 350 × 21.75 (劳社部发〔2008〕3号)
    assert (contract.job_title, contract.start_date) == ("钢筋工", dt.date(2026, 3, 1))
    notice = Message.objects.get(recipient=hr_li, template="labor_contract_requested")
    assert contract.number in notice.body
    with django_capture_on_commit_callbacks(execute=True):
        _request(worker_zhang, employer)
    assert LaborContract.objects.count() == 1 and Message.objects.filter(recipient=hr_li).count() == 1


def test_a_request_that_breaks_a_rule_makes_no_draft_but_tells_the_employer(django_capture_on_commit_callbacks,
                                                                           hr_li, employer, worker_zhang):
    with django_capture_on_commit_callbacks(execute=True):
        _request(worker_zhang, employer, daily_rate="0")
    assert not LaborContract.objects.exists()
    assert "必须约定劳动报酬" in Message.objects.get(recipient=hr_li, template="labor_contract_requested").body


def _match_accepted(worker, employer, *, uscc=None):
    with transaction.atomic():
        events.publish("industry_brain.match.accepted", match_id=7, employer_uscc=uscc or employer.uscc,
                       employer_name=employer.name, worker_user_id=worker.pk, job_title="平车工",
                       work_place="织里镇大港路 1 号", start_date="2026-03-02", end_date="2026-05-31",
                       piece_rate="1.50")


def test_an_accepted_garment_match_becomes_a_fixed_term_draft_and_both_sides_are_told(
        django_capture_on_commit_callbacks, hr_li, employer, worker_zhang):
    from zhili.scenes.labor_contract.rules import minimum_wage

    with django_capture_on_commit_callbacks(execute=True):
        _match_accepted(worker_zhang, employer)
    contract = LaborContract.objects.get()
    assert (contract.status, contract.employer, contract.worker, contract.term_type) == (
        "draft", employer, worker_zhang, "fixed_term")
    assert (contract.start_date, contract.end_date) == (dt.date(2026, 3, 2), dt.date(2026, 5, 31))
    assert contract.monthly_wage == minimum_wage(employer.region.code, dt.date(2026, 3, 2)).monthly
    assert "1.50 元/件" in contract.task_description
    assert contract.number in Message.objects.get(recipient=hr_li, template="labor_contract_requested").body
    told = Message.objects.get(recipient=worker_zhang, template="labor_contract_match_drafted")
    assert contract.number in told.body and employer.name in told.body
    with django_capture_on_commit_callbacks(execute=True):
        _match_accepted(worker_zhang, employer)
    assert LaborContract.objects.count() == 1


def test_a_match_of_an_unknown_employer_makes_nothing(django_capture_on_commit_callbacks, hr_li, employer,
                                                     worker_zhang):
    with django_capture_on_commit_callbacks(execute=True):
        _match_accepted(worker_zhang, employer, uscc="91330500MA2B000000")
    assert not LaborContract.objects.exists() and not Message.objects.exists()
