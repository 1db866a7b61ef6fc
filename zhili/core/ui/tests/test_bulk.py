"""Bulk actions on a list: a confirmation first, then every row in one transaction (one refusal undoes them all and
is named), an audit entry of who did what to which rows; rows outside the person's own list are a 404."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory

from zhili.core.foundation.models import AuditEntry
from zhili.core.testing.api import EnterpriseFactory
from zhili.core.testing.dummy_scene.models import DummyDocument
from zhili.core.ui.api import BulkAction, Column, ListPage


def _approve(request, document):
    if document.title == "坏的":
        raise ValidationError("标题不合规")
    document.state = "approved"
    document.save(update_fields=["state"])


APPROVE = BulkAction("approve", "批量通过", apply=_approve,
                     eligible=lambda d: "" if d.state == "draft" else "只能通过草稿",
                     confirm="通过选中的 {n} 份文件？", done="已通过 {n} 份")
ADMIN_ONLY = BulkAction("purge", "清除", allowed=lambda user: user.is_superuser)


def _post(user, data, path="/docs/?state=draft"):
    request = RequestFactory().post(path, data)
    request.user = user
    request._messages = CookieStorage(request)
    return request


def _listing(request, queryset):
    return ListPage(request, queryset, columns=[Column("title", "标题", sort="title")], bulk=[APPROVE, ADMIN_ONLY],
                    key="pk", row_label=lambda d: d.title)


@pytest.fixture
def documents(db):
    organization = EnterpriseFactory()
    return [DummyDocument.objects.create(organization=organization, title=t) for t in ("甲", "乙", "丙")]


@pytest.mark.django_db
def test_the_action_asks_first_then_changes_every_row_and_is_audited(hr_li, documents):
    selected = [str(documents[0].pk), str(documents[1].pk)]
    mine = DummyDocument.objects.filter(pk__in=[d.pk for d in documents])
    request = _post(hr_li, {"bulk_action": "approve", "selected": selected})
    listing = _listing(request, mine)
    assert listing.bulk_requested and [a.code for a in listing.bulk_actions] == ["approve"]  # purge: not for HR
    page = listing.bulk_response(what="dummy.documents")
    assert page.status_code == 200
    text = page.content.decode()
    assert "通过选中的 2 份文件？" in text and 'name="confirmed" value="1"' in text and "甲" in text
    assert not DummyDocument.objects.filter(state="approved").exists()
    assert not AuditEntry.objects.filter(action="ui.list.bulk").exists()

    request = _post(hr_li, {"bulk_action": "approve", "selected": selected, "confirmed": "1"})
    response = _listing(request, mine).bulk_response(what="dummy.documents")
    assert response.status_code == 302 and response["Location"] == "/docs/?state=draft"  # back, filters kept
    assert set(DummyDocument.objects.filter(state="approved").values_list("title", flat=True)) == {"甲", "乙"}
    entry = AuditEntry.objects.get(action="ui.list.bulk")
    assert entry.actor_id == hr_li.pk
    assert entry.data == {"list": "dummy.documents", "action": "approve", "rows": sorted(selected, key=int),
                          "count": 2}
    assert [str(m) for m in get_messages(request)] == ["已通过 2 份"]


@pytest.mark.django_db
def test_one_refused_row_undoes_the_whole_batch_and_is_named(hr_li, documents):
    documents[2].title = "坏的"
    documents[2].save()
    request = _post(hr_li, {"bulk_action": "approve", "selected": [str(d.pk) for d in documents], "confirmed": "1"})
    response = _listing(request, DummyDocument.objects.all()).bulk_response(what="dummy.documents")
    assert response.status_code == 302
    assert not DummyDocument.objects.filter(state="approved").exists()
    assert not AuditEntry.objects.filter(action="ui.list.bulk").exists()
    assert [str(m) for m in get_messages(request)] == ["坏的：标题不合规（整批未做任何更改）"]


@pytest.mark.django_db
def test_rows_that_may_not_take_the_action_stop_it_before_anything_changes(hr_li, documents):
    documents[1].state = "approved"
    documents[1].save()
    request = _post(hr_li, {"bulk_action": "approve", "selected": [str(documents[0].pk), str(documents[1].pk)],
                            "confirmed": "1"})
    _listing(request, DummyDocument.objects.all()).bulk_response(what="dummy.documents")
    assert DummyDocument.objects.get(pk=documents[0].pk).state == "draft"
    assert "乙：只能通过草稿" in [str(m) for m in get_messages(request)]


@pytest.mark.django_db
def test_a_row_outside_the_persons_list_or_an_action_they_lack_is_a_404(hr_li, documents):
    mine = DummyDocument.objects.filter(pk=documents[0].pk)
    request = _post(hr_li, {"bulk_action": "approve", "selected": [str(documents[0].pk), str(documents[1].pk)],
                            "confirmed": "1"})
    with pytest.raises(Http404):
        _listing(request, mine).bulk_response(what="dummy.documents")
    request = _post(hr_li, {"bulk_action": "purge", "selected": [str(documents[0].pk)], "confirmed": "1"})
    with pytest.raises(Http404):
        _listing(request, mine).bulk_response(what="dummy.documents")
    assert not DummyDocument.objects.filter(state="approved").exists()


@pytest.mark.django_db
def test_the_tick_box_is_offered_only_to_rows_that_may_take_an_action(hr_li, documents):
    from zhili.core.ui.templatetags.ui import bulk_checkbox

    documents[1].state = "approved"
    listing = _listing(_post(hr_li, {}), DummyDocument.objects.all())
    box = bulk_checkbox(listing, documents[0])
    assert f'value="{documents[0].pk}"' in box and 'data-bulk="approve"' in box and 'form="bulk-form"' in box
    assert bulk_checkbox(listing, documents[1]) == ""
