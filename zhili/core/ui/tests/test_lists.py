"""The shared list page: sorting only by declared columns, links that keep the filters, an audited export."""

import io

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from zhili.core.foundation.models import AuditEntry
from zhili.core.identity.models import User
from zhili.core.testing.api import personas
from zhili.core.ui.api import Column, ListPage, export_xlsx, region_choices

COLUMNS = [Column("name", "姓名", sort="name"), Column("phone", "手机号")]


def _request(user=None, **params):
    request = RequestFactory().get("/list/", params)
    request.user = user
    return request


@pytest.mark.django_db
def test_sorting_is_by_declared_columns_only_and_links_keep_the_filters(worker_zhang, hr_li, officer_wang):
    users = User.objects.filter(pk__in=[worker_zhang.pk, hr_li.pk, officer_wang.pk])
    listing = ListPage(_request(sort="-name", status="draft", page="2"), users, columns=COLUMNS, per_page=2)
    assert [u.name for u in listing.queryset] == sorted([u.name for u in users], reverse=True)
    assert listing.header("name") == {"label": "姓名", "sortable": True, "url": "?sort=name&status=draft",
                                      "state": "descending"}
    assert listing.header("phone")["sortable"] is False
    assert listing.export_url == "?sort=-name&status=draft&format=xlsx"
    # a column without a sort field, or a field no column declares, is ignored: the default order holds
    for sort in ("phone", "password", "-id_number_index"):
        assert ListPage(_request(sort=sort), users, columns=COLUMNS).sort_key == ""


@pytest.mark.django_db
def test_an_export_downloads_and_records_who_exported_which_list(hr_li):
    request = _request(hr_li, status="draft", q="张", format="xlsx", page="3")
    response = export_xlsx(request, what="demo.people", title="人员", header=["姓名", "手机号"],
                           rows=[["张伟", "138****0001"], ["=1+1", "x"]])
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows == [("姓名", "手机号"), ("张伟", "138****0001"), ("'=1+1", "x")]
    entry = AuditEntry.objects.get(action="ui.list.exported")
    assert entry.actor_id == hr_li.pk
    assert entry.data == {"list": "demo.people", "title": "人员", "rows": 2, "filters": {"status": "draft", "q": "张"}}


@pytest.mark.django_db
def test_region_dropdown_offers_the_regions_in_the_officers_scope(officer_wang, worker_zhang):
    personas.town()
    assert region_choices(officer_wang) == [("330182", "建德市"), ("330182001000", "新安江街道")]
    assert region_choices(worker_zhang) == []
