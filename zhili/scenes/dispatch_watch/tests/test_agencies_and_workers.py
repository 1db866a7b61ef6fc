"""Agencies, licences and the roster: refusals name their field and rule, and change nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import make_uscc
from zhili.scenes.dispatch_watch import services
from zhili.scenes.dispatch_watch.choices import LicenceStatus
from zhili.scenes.dispatch_watch.models import Agency, DispatchedWorker, HostEmployer

from .conftest import HOST_USCC, worker_row


def _register(officer, county, **changes):
    data = {"name": "新派遣公司", "uscc": make_uscc(sequence=777), "region": county, "licence_no": "33018220250002",
            "licence_issued_on": "2025-02-01", "registered_capital": "3000000", "premises": "某路2号"}
    data.update(changes)
    return services.register_agency(actor=officer, **data)


def test_a_licence_runs_three_years_and_its_grant_is_in_the_ledger(agency):
    assert agency.licence_expires_on == dt.date(2027, 1, 9)
    assert agency.organization.is_dispatch_agency
    assert [e.kind for e in entries_for(agency)] == ["dispatch_watch.licence.granted"]


@pytest.mark.parametrize(("changes", "field", "code"), [
    ({"licence_no": "渝劳派2025-01"}, "licence_no", "licence_form"),
    ({"registered_capital": "1999999.99"}, "registered_capital", "capital"),
    ({"licence_expires_on": "2025-01-31"}, "licence_expires_on", "dates_order"),
    ({"licence_expires_on": "2028-02-02"}, "licence_expires_on", "too_long"),
])
def test_bad_agency_input_is_refused_with_its_field(officer_qian, county, changes, field, code):
    with pytest.raises(ValidationError) as refused:
        _register(officer_qian, county, **changes)
    assert list(refused.value.error_dict) == [field]
    assert refused.value.error_dict[field][0].code == code
    assert not Agency.objects.exists()


def test_an_officer_of_another_county_cannot_register_here(officer_sun, county):
    with pytest.raises(PermissionDenied):
        _register(officer_sun, county)
    assert not Agency.objects.exists()


def test_renewal_must_be_asked_sixty_days_before_expiry(agency, officer_qian):
    with pytest.raises(ValidationError) as refused:
        services.renew_licence(agency, applied_on="2026-11-11", actor=officer_qian)
    assert "60" in refused.value.message_dict["applied_on"][0]
    renewed = services.renew_licence(agency, applied_on="2026-11-10", actor=officer_qian)
    assert renewed.licence_expires_on == dt.date(2030, 1, 9)


def test_the_sweep_marks_expired_licences(agency):
    assert services.sweep_licences(dt.date(2027, 1, 10)) == {"expired": 1, "renewal_due": 0}
    agency.refresh_from_db()
    assert agency.licence_status == LicenceStatus.EXPIRED


def test_the_agency_records_workers_and_the_host_is_created(agency, clerk_zhou):
    worker = services.record_worker(agency, worker_row(1), actor=clerk_zhou)
    assert worker.host.uscc == HOST_USCC and worker.birth_year == 1990
    assert worker.masked_name == "工**"
    assert DispatchedWorker.objects.filter(id_number_index=worker.id_number_index).count() == 1
    assert [e.action for e in audit.entries_for(worker)] == ["dispatch_watch.worker.recorded"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"dispatch_end": "2025-06-30"}, "dispatch_end"),
    ({"contract_end": "2025-07-01"}, "contract_end"),
    ({"id_number": "330182199003071231"}, "id_number"),
    ({"post_nature": "长期"}, "post_nature"),
    ({"host_uscc": "91330182ABC"}, "host_uscc"),
    ({"monthly_wage": "abc"}, "monthly_wage"),
])
def test_bad_worker_rows_are_refused_with_their_field(agency, clerk_zhou, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.record_worker(agency, worker_row(1, **changes), actor=clerk_zhou)
    assert field in refused.value.message_dict
    assert not DispatchedWorker.objects.exists() and not HostEmployer.objects.exists()


def test_a_worker_listed_by_two_agencies_at_once_is_refused(agency, clerk_zhou, officer_qian, county):
    from zhili.core.testing.api import MembershipFactory

    from ..roles import AGENCY

    other = _register(officer_qian, county)
    MembershipFactory(user=clerk_zhou, role=AGENCY, organization=other.organization)
    services.record_worker(agency, worker_row(1), actor=clerk_zhou)
    with pytest.raises(ValidationError) as refused:
        services.record_worker(other, worker_row(1, dispatch_start="2026-01-01", contract_start="2026-01-01",
                                                 contract_end="2028-01-01"), actor=clerk_zhou)
    assert refused.value.error_dict["id_number"][0].code == "listed_twice"
    assert "建德人力派遣有限公司" in refused.value.message_dict["id_number"][0]
    assert DispatchedWorker.objects.count() == 1


def test_an_import_is_all_or_nothing_naming_the_row(agency, clerk_zhou):
    rows = [worker_row(1), {**worker_row(2), "派遣结束日期": "2020-01-01"}, worker_row(3)]
    rows[1].pop("dispatch_end")
    with pytest.raises(ValidationError) as refused:
        services.import_workers(agency, rows, actor=clerk_zhou)
    assert refused.value.message_dict["rows"] == ["第 3 行 派遣结束日期：不能早于派遣开始日期"]
    assert not DispatchedWorker.objects.exists()
    assert services.import_workers(agency, [worker_row(1), worker_row(2)], actor=clerk_zhou) == {"recorded": 2}


def test_another_agencys_clerk_cannot_record_and_nothing_changes(agency, officer_qian):
    with pytest.raises(PermissionDenied):
        services.record_worker(agency, worker_row(1), actor=officer_qian)
    assert not DispatchedWorker.objects.exists()
