"""Detail timelines: entries from the audit log in the page's own words (internal action codes never shown), merged
with a page's own history oldest first, drawn by {% timeline %}."""

import datetime as dt

import pytest
from django.template import Context, Template

from zhili.core.foundation.api import audit
from zhili.core.testing.api import EnterpriseFactory
from zhili.core.ui.api import TimelineEntry, audit_timeline, merged


@pytest.mark.django_db
def test_the_audit_timeline_shows_only_named_actions_in_their_words(hr_li):
    company = EnterpriseFactory()
    audit.record("demo.step.one", actor=hr_li, target=company)
    audit.record("demo.internal.rendered", actor=None, target=company)
    audit.record("demo.step.two", actor=None, target=company)
    entries = audit_timeline(company, labels={"demo.step.one": "提交申请", "demo.step.two": "自动核验"})
    assert [(e.what, e.who) for e in entries] == [("提交申请", hr_li.display_name), ("自动核验", "系统")]
    html = Template("{% load ui %}{% timeline entries %}").render(Context({"entries": entries}))
    assert "提交申请" in html and "demo.step" not in html and html.count("zl-timeline-item") == 2


def test_timelines_merge_oldest_first_with_undated_entries_last():
    noon = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    merged_entries = merged([TimelineEntry(noon, "甲", "盖章"), TimelineEntry(None, "乙", "待办")],
                            [TimelineEntry(dt.date(2026, 3, 1), "丙", "创建")])
    assert [e.what for e in merged_entries] == ["创建", "盖章", "待办"]
    empty = Template("{% load ui %}{% timeline entries %}").render(Context({"entries": []}))
    assert "还没有办理记录" in empty
