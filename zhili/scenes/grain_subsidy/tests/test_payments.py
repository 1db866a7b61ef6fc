"""The day's 一卡通 payment file: one line per farmer, totals that balance, two approvals, 到账, never paid twice."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.scenes.grain_subsidy import services
from zhili.scenes.grain_subsidy.models import Claim, PaymentFile, PreVerifiedPlot
from zhili.scenes.grain_subsidy.services.payments import check_file

from .conftest import TODAY


@pytest.fixture
def audited(arable_round, clerk_qian, farmer_shen, farmer_lu):
    """沈建国's P1 passed (550.00), P2 held; 陆明华's P4 held for its area."""
    services.pre_verify_round(arable_round, actor=clerk_qian)
    services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)
    services.claim_plots(arable_round, actor=farmer_lu.user, today=TODAY)
    services.audit_round(arable_round, actor=clerk_qian)
    return arable_round


def test_the_payment_file_lists_each_farmer_once_and_balances(audited, clerk_qian, farmer_shen):
    payment_file = services.make_payment_file(audited, day=TODAY, actor=clerk_qian)
    lines = payment_file.content.strip().split("\n")
    assert (payment_file.line_count, payment_file.total_yuan) == (1, Decimal("550.00"))
    assert lines[0].startswith(f"H|{payment_file.number}|2026-06-15|1|550.00")
    assert lines[1] == f"D|1|沈建国|{farmer_shen.bank_card}|550.00|2026耕地地力保护补贴"
    assert lines[2] == "T|1|550.00"
    assert check_file(payment_file.content) == (1, Decimal("550.00"))
    assert [e.kind for e in entries_for(payment_file)] == ["grain_subsidy.payment_file.made"]


def test_a_file_that_does_not_balance_is_refused():
    with pytest.raises(ValidationError, match="不平衡"):
        check_file("H|N1|2026-06-15|1|550.00\nD|1|沈建国|6217000000000000017|500.00|x\nT|1|550.00\n")


def test_two_different_approvers_pay_and_the_farmer_sees_it_arrive(audited, clerk_qian, approver_zhou, approver_he,
                                                                   farmer_shen):
    payment_file = services.make_payment_file(audited, day=TODAY, actor=clerk_qian)
    services.approve_payment_file(payment_file, actor=approver_zhou)
    with pytest.raises(PermissionDenied):
        services.approve_payment_file(payment_file, actor=approver_zhou)
    payment_file.refresh_from_db()
    assert (payment_file.status, payment_file.second_approver_id) == ("first_approved", None)
    services.approve_payment_file(payment_file, actor=approver_he)
    payment_file.refresh_from_db()
    assert payment_file.status == "paid"
    assert PreVerifiedPlot.objects.get(plot__code="P1").status == "paid"
    # P2 is still held for its manual check, so the claim is not settled yet
    assert Claim.objects.get(farmer=farmer_shen).status == "audited"
    assert [e.kind for e in entries_for(payment_file)] == [
        "grain_subsidy.payment_file.made", "grain_subsidy.payment_file.first_approved",
        "grain_subsidy.payment_file.paid"]


def test_the_maker_cannot_approve_and_nothing_changes(audited, clerk_qian, approver_zhou, county):
    from zhili.core.identity.api import add_membership

    add_membership(clerk_qian, role="grain_subsidy_approver", region=county, actor=None)
    payment_file = services.make_payment_file(audited, day=TODAY, actor=clerk_qian)
    with pytest.raises(PermissionDenied):
        services.approve_payment_file(payment_file, actor=clerk_qian)
    payment_file.refresh_from_db()
    assert (payment_file.status, payment_file.first_approver_id) == ("made", None)


def test_a_plot_is_never_put_in_a_second_file(audited, clerk_qian):
    services.make_payment_file(audited, day=TODAY, actor=clerk_qian)
    with pytest.raises(ValidationError, match="没有待发放"):
        services.make_payment_file(audited, day=TODAY, actor=clerk_qian)
    assert PaymentFile.objects.count() == 1


def test_a_held_plot_checked_by_hand_goes_into_the_next_file_and_a_failed_one_never(audited, clerk_qian, clerk_sun,
                                                                                   client):
    from zhili.core.testing.api import PASSWORD

    held = {line.plot.code: line for line in PreVerifiedPlot.objects.filter(status="held").select_related("plot")}
    with pytest.raises(PermissionDenied):
        services.check_held_plot(held["P2"], passed=True, note="实地核查已复耕", actor=clerk_sun)
    with pytest.raises(ValidationError) as no_note:
        services.check_held_plot(held["P2"], passed=True, note=" ", actor=clerk_qian)
    assert list(no_note.value.message_dict) == ["note"]
    held["P2"].refresh_from_db()
    assert held["P2"].status == "held"
    client.login(username="clerk_qian", password=PASSWORD)
    client.post(f"/grain_subsidy/lines/{held['P2'].pk}/check/", {"decision": "pass", "note": "实地核查已复耕"})
    services.check_held_plot(held["P4"], passed=False, note="面积不实", actor=clerk_qian)
    payment_file = services.make_payment_file(audited, day=TODAY, actor=clerk_qian)
    assert (payment_file.line_count, payment_file.total_yuan) == (1, Decimal("1100.00"))  # 沈建国: P1 + P2
    assert PreVerifiedPlot.objects.get(pk=held["P4"].pk).status == "excluded"
    assert [e.kind for e in entries_for(held["P2"])] == ["grain_subsidy.plot.checked"]
