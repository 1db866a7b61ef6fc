"""Licence changes: the agency asks, an officer of its area grants (all particulars change together, audited,
in the ledger) or refuses with a reason; bad requests name the field."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.ledger.api import entries_for
from zhili.scenes.dispatch_watch import services
from zhili.scenes.dispatch_watch.models import Agency, LicenceChange


def test_a_granted_change_updates_the_enterprise_and_licence_together(agency, clerk_zhou, officer_qian):
    change = services.request_licence_change(agency, new_name="建德新安人力资源有限公司", new_legal_representative="王强",
                                             new_premises="建德市洋溪街道新安路8号", new_capital="3000000",
                                             explanation="股东会决议更名并增资", actor=clerk_zhou)
    assert Agency.objects.get(pk=agency.pk).name == "建德人力派遣有限公司"  # nothing changes before the decision
    services.decide_licence_change(change, approve=True, actor=officer_qian)
    agency = Agency.objects.select_related("organization").get(pk=agency.pk)
    assert (agency.name, agency.organization.legal_representative, agency.premises, agency.registered_capital) == (
        "建德新安人力资源有限公司", "王强", "建德市洋溪街道新安路8号", Decimal("3000000.00"))
    change.refresh_from_db()
    assert (change.status, change.previous["name"]) == ("approved", "建德人力派遣有限公司")
    assert [e.kind for e in entries_for(agency)][-1] == "dispatch_watch.licence.changed"
    from zhili.core.notify.api import Message

    told = Message.objects.get(recipient=clerk_zhou, template="dispatch_watch_change_decided")
    assert "已准予变更" in told.body and "名称、法定代表人、住所、注册资本" in told.body


def test_a_refusal_needs_a_reason_and_changes_nothing(agency, clerk_zhou, officer_qian):
    change = services.request_licence_change(agency, new_premises="建德市寿昌镇1号", explanation="搬迁", actor=clerk_zhou)
    with pytest.raises(ValidationError) as refused:
        services.decide_licence_change(change, approve=False, actor=officer_qian)
    assert list(refused.value.message_dict) == ["reason"]
    services.decide_licence_change(change, approve=False, reason="新住所未提供产权证明", actor=officer_qian)
    assert Agency.objects.get(pk=agency.pk).premises == "建德市新安江街道人民路1号"
    assert LicenceChange.objects.get().status == "rejected"


@pytest.mark.parametrize(("changes", "field"), [
    ({"new_capital": "1500000"}, "new_capital"),
    ({"new_premises": "建德市新安江街道人民路1号"}, "new_name"),  # the same as registered: nothing to change
    ({"new_name": "新名称", "explanation": " "}, "explanation"),
])
def test_bad_requests_are_refused_with_their_field(agency, clerk_zhou, changes, field):
    data = {"explanation": "变更", **changes}
    with pytest.raises(ValidationError) as refused:
        services.request_licence_change(agency, actor=clerk_zhou, **data)
    assert list(refused.value.message_dict) == [field]
    assert not LicenceChange.objects.exists()


def test_only_the_agency_asks_and_only_an_officer_of_its_area_decides(agency, clerk_zhou, officer_qian, officer_sun):
    with pytest.raises(PermissionDenied):
        services.request_licence_change(agency, new_name="X公司", explanation="更名", actor=officer_qian)
    change = services.request_licence_change(agency, new_name="X公司", explanation="更名", actor=clerk_zhou)
    with pytest.raises(ValidationError) as pending:
        services.request_licence_change(agency, new_name="Y公司", explanation="更名", actor=clerk_zhou)
    assert list(pending.value.message_dict) == ["status"]
    for person in (clerk_zhou, officer_sun):
        with pytest.raises(PermissionDenied):
            services.decide_licence_change(change, approve=True, actor=person)
    assert LicenceChange.objects.get().status == "submitted"
