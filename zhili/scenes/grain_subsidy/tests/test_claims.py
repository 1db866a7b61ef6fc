"""Pre-verification, the farmer's claim and the audit: exact areas and amounts, colours from the survey, the
exclusions, transfers and the claim window."""

import datetime as dt
import hashlib
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.scenes.grain_subsidy import geometry, services
from zhili.scenes.grain_subsidy.models import Claim, Plot, PreVerifiedPlot

from .conftest import TODAY, rectangle


def _lines(round_):
    return {line.plot.code: line for line in PreVerifiedPlot.objects.filter(round=round_).select_related("plot")}


def test_pre_verification_fixes_area_amount_and_colour_per_plot(arable_round, clerk_qian, plots):
    """110 元/亩 (the dated parameter): green P1 5 亩 → 550.00; yellow P2 (seasonal abandonment) 550.00 held for a
    check; red P3 (non-agricultural) blocked at 0; P4 registered 6 亩 but measured ≈ 5: yellow, paid on the smaller."""
    counts = services.pre_verify_round(arable_round, actor=clerk_qian)
    lines = _lines(arable_round)
    assert counts == {"plots": 4, "green": 1, "yellow": 2, "red": 1}
    assert arable_round.per_mu_yuan == Decimal("110.00")
    assert (lines["P1"].colour, lines["P1"].eligible_area_mu, lines["P1"].amount_yuan) == ("green", Decimal("5.00"),
                                                                                           Decimal("550.00"))
    assert (lines["P2"].colour, lines["P2"].reasons, lines["P2"].amount_yuan) == ("yellow", ["use:seasonal"],
                                                                                  Decimal("550.00"))
    assert (lines["P3"].colour, lines["P3"].status, lines["P3"].amount_yuan) == ("red", "blocked", Decimal("0"))
    measured = plots["P4"].measured_area_mu
    assert Decimal("4.95") <= measured <= Decimal("5.05")
    assert (lines["P4"].colour, lines["P4"].reasons) == ("yellow", ["area_mismatch"])
    assert lines["P4"].amount_yuan == (measured * 110).quantize(Decimal("0.01"))
    assert [e.kind for e in entries_for(arable_round)] == ["grain_subsidy.round.pre_verified"]


def test_the_subsidy_right_follows_the_transfer_contract(county, clerk_qian, plots, farmer_shen, farmer_lu):
    """Arable protection stays with the contractor unless the transfer gives it to the operator; scale grain goes to
    the grower, and only if their grain area reaches 50 亩 (so here to nobody)."""
    services.register_transfer(plots["P1"], operator=farmer_lu, starts_on=dt.date(2025, 1, 1),
                               ends_on=dt.date(2028, 12, 31), subsidy_right="contractor", actor=clerk_qian)
    services.register_transfer(plots["P2"], operator=farmer_lu, starts_on=dt.date(2026, 3, 1),
                               ends_on=dt.date(2027, 2, 28), subsidy_right="operator", actor=clerk_qian)
    arable = services.open_round(region=county, subsidy_type="arable_protection", year=2026,
                                 opens_on=dt.date(2026, 6, 1), closes_on=dt.date(2026, 6, 30), actor=clerk_qian)
    services.pre_verify_round(arable, actor=clerk_qian)
    lines = _lines(arable)
    assert (lines["P1"].farmer, lines["P2"].farmer) == (farmer_shen, farmer_lu)
    scale = services.open_round(region=county, subsidy_type="scale_grain", year=2026, opens_on=dt.date(2026, 6, 1),
                                closes_on=dt.date(2026, 6, 30), actor=clerk_qian)
    assert scale.per_mu_yuan == Decimal("240.00")
    assert services.pre_verify_round(scale, actor=clerk_qian)["plots"] == 0


def test_a_farmer_confirms_in_one_step_and_red_plots_stay_blocked(arable_round, clerk_qian, farmer_shen):
    services.pre_verify_round(arable_round, actor=clerk_qian)
    claim = services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)
    lines = _lines(arable_round)
    assert sorted(line.plot.code for line in claim.lines.all()) == ["P1", "P2"]
    assert lines["P3"].status == "blocked" and lines["P3"].claim_id is None
    with pytest.raises(ValidationError) as twice:
        services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)
    assert list(twice.value.message_dict) == ["round"]


def test_a_claim_after_the_window_is_refused_with_the_window_and_nothing_is_written(arable_round, clerk_qian,
                                                                                   farmer_shen):
    services.pre_verify_round(arable_round, actor=clerk_qian)
    with pytest.raises(ValidationError) as late:
        services.claim_plots(arable_round, actor=farmer_shen.user, today=dt.date(2026, 7, 1))
    assert "2026-06-01 至 2026-06-30" in late.value.message_dict["round"][0]
    assert Claim.objects.count() == 0
    assert set(PreVerifiedPlot.objects.values_list("status", flat=True)) == {"offered", "blocked"}


def test_the_audit_passes_green_holds_yellow_and_ledgers_each_claim(arable_round, clerk_qian, farmer_shen,
                                                                   farmer_lu):
    services.pre_verify_round(arable_round, actor=clerk_qian)
    shen = services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)
    services.claim_plots(arable_round, actor=farmer_lu.user, today=TODAY)
    counts = services.audit_round(arable_round, actor=clerk_qian)
    lines = _lines(arable_round)
    assert counts == {"claims": 2, "passed": 1, "held": 2, "excluded": 0}
    assert (lines["P1"].status, lines["P2"].status, lines["P4"].status) == ("passed", "held", "held")
    assert (lines["P2"].reasons, lines["P2"].audit_reasons) == (["use:seasonal"], ["yellow"])
    shen.refresh_from_db()
    p1, p2 = lines["P1"].plot_id, lines["P2"].plot_id
    assert shen.decision_digest == hashlib.sha256(f"{p1}=passed=550.00;{p2}=held=550.00".encode()).hexdigest()
    digests = sorted((c.pk, c.decision_digest) for c in Claim.objects.all())
    root = hashlib.sha256("\n".join(f"{pk}:{d}" for pk, d in digests).encode()).hexdigest()
    entry = entries_for(arable_round).get(kind="grain_subsidy.round.audited")
    assert entry.digest == root and json.loads(entry.record)["data"]["claims"] == 2
    assert [e.action for e in audit.entries_for(shen).order_by("id")] == ["grain_subsidy.claim.submitted"]


def test_a_plot_overlapping_one_another_farmer_claimed_first_is_excluded_as_a_duplicate(
        arable_round, clerk_qian, farmer_shen, farmer_lu, plots):
    """The register refuses overlaps, so the duplicate is planted as it would arrive from an old survey import."""
    with pytest.raises(ValidationError) as refused:
        services.register_plot(code="P5", region=plots["P1"].region, village="一村", contractor=farmer_lu,
                               boundary=rectangle(0, shift_m=10), registered_area_mu="5.00", actor=clerk_qian)
    assert "P1" in refused.value.message_dict["boundary"][0]
    assert not Plot.objects.filter(code="P5").exists()
    west, south, east, north = geometry.parse(rectangle(0, shift_m=10)).bbox
    Plot.objects.filter(pk=plots["P4"].pk).update(boundary=rectangle(0, shift_m=10), registered_area_mu="5.00",
                                                  min_lon=west, min_lat=south, max_lon=east, max_lat=north)
    services.pre_verify_round(arable_round, actor=clerk_qian)
    services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)
    services.claim_plots(arable_round, actor=farmer_lu.user, today=TODAY)
    services.audit_round(arable_round, actor=clerk_qian)
    lines = _lines(arable_round)
    assert (lines["P1"].status, lines["P4"].status, lines["P4"].audit_reasons) == ("passed", "excluded",
                                                                                   ["duplicate_claim"])


def test_a_survey_file_with_unknown_plots_is_reported_by_line_and_nothing_is_written(town, clerk_qian, plots):
    with pytest.raises(ValidationError) as bad:
        services.record_survey(region=town, name="坏文件", taken_on=dt.date(2026, 7, 1),
                               rows=[(2, "P1", "grain"), (3, "X9", "grain"), (4, "P2", "orchard")], actor=clerk_qian)
    assert bad.value.message_dict["rows"] == ["第 3 行：地块编码 X9 不在本区域的地块库中", "第 4 行：未知的监测属性「orchard」"]
    assert Plot.objects.get(code="P2").land_use == "seasonal"
