"""The 2025 credit grade computed from the platform's data: items with points and references, limiting rules,
the share caps, and who may compute it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import make_uscc
from zhili.scenes.dispatch_watch import services
from zhili.scenes.dispatch_watch.models import Agency, CreditRating

from .conftest import TODAY, worker_row
from .test_reports import GOOD


def _agency(officer, county, n, **changes):
    data = {"name": f"建德第{n}派遣有限公司", "uscc": make_uscc(sequence=700 + n), "region": county,
            "licence_no": f"330182202400{n:02d}", "licence_issued_on": dt.date(2024, 1, 10),
            "registered_capital": "3000000", "premises": "建德市洋溪街道1号", "actor": officer}
    data.update(changes)
    return services.register_agency(**data)


def _codes(rating):
    return {i["code"]: i["points"] for i in rating.items}


def test_grades_follow_the_items_and_the_share_caps(agency, clerk_zhou, officer_qian, county):
    """A clean agency on time scores 100 + 10 + 5 + 5; a late, unqualified one is held to C; of two agencies
    at most 10 % (none) may be A+ and 20 % (none) A or above, so the top one is capped to B."""
    services.record_worker(agency, worker_row(1, dispatch_start="2025-01-01", dispatch_end="2025-12-31",
                                                      contract_start="2025-01-01", contract_end="2026-12-31"),
                           actor=clerk_zhou)
    report = services.submit_report(agency, year=2025, data={**GOOD, "dispatched_total": 1, "temporary_count": 0,
                                                             "auxiliary_count": 1, "substitute_count": 0,
                                                             "contracts_signed": 1, "union_members": 1,
                                                             "insured_count": 1, "hosts_count": 1,
                                                             "agreements_count": 1, "audit_attached": True},
                                    submitted_on="2026-02-10", actor=clerk_zhou)
    services.verify_report(report, verdict="qualified", actor=officer_qian)
    other = _agency(officer_qian, county, 2)
    late = services.submit_report(other, year=2025, data={**GOOD, "audit_attached": False},
                                  submitted_on="2026-04-20", actor="test:agency")
    services.verify_report(late, verdict="unqualified", actor=officer_qian)

    ratings = {r.agency_id: r for r in services.grade_agencies(2025, region=county, actor=officer_qian,
                                                                today=TODAY)}
    good, bad = ratings[agency.pk], ratings[other.pk]
    assert _codes(good) == {"report_on_time_qualified": 10, "union_half": 5, "insured_all": 5, "share_cap": 0}
    assert (good.score, good.grade, good.capped) == (120, "B", True)
    assert _codes(bad)["report_unqualified"] == -30 and _codes(bad)["late_report"] == -10
    assert bad.grade in ("C", "D") and bad.score < 80
    assert all(i["reference"] for r in ratings.values() for i in r.items)
    assert Agency.objects.get(pk=agency.pk).credit_grade == "B"
    assert [e.kind for e in entries_for(county)] == ["dispatch_watch.credit.computed"]


def test_a_revoked_licence_is_d_and_missing_capital_at_most_c(officer_qian, county):
    revoked = _agency(officer_qian, county, 3)
    services.cancel_licence(revoked, revoked=True, reason="以欺骗手段取得许可", actor=officer_qian)
    poor = _agency(officer_qian, county, 4)
    Agency.objects.filter(pk=poor.pk).update(registered_capital=1500000)
    ratings = {r.agency_id: r for r in services.grade_agencies(2025, region=county, actor=officer_qian,
                                                                today=dt.date(2026, 5, 1))}
    assert ratings[revoked.pk].grade == "D"
    assert _codes(ratings[poor.pk])["report_missing"] == -40  # the report on 2025 was due on 31 March 2026
    assert "capital_short" in _codes(ratings[poor.pk]) and ratings[poor.pk].grade == "C"


@pytest.mark.parametrize("year", [2024, 2026])
def test_only_finished_years_from_2025_are_graded(officer_qian, county, agency, year):
    with pytest.raises(ValidationError) as refused:
        services.grade_agencies(year, region=county, actor=officer_qian, today=TODAY)
    assert list(refused.value.message_dict) == ["year"]


def test_an_officer_elsewhere_and_an_agency_clerk_cannot_grade(officer_sun, clerk_zhou, county):
    for person in (officer_sun, clerk_zhou):
        with pytest.raises(PermissionDenied):
            services.grade_agencies(2025, region=county, actor=person, today=TODAY)
    assert not CreditRating.objects.exists()
