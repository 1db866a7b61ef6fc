"""The scene's demo: the shipped texts loaded, the knowledge base installed, logins for both roles; twice, no change."""

from types import SimpleNamespace

import pytest

from zhili.core.testing.api import RegionFactory
from zhili.scenes.policy_qa import demo
from zhili.scenes.policy_qa.models import Article, Consultation, Entry, LawText

pytestmark = pytest.mark.django_db


def test_the_demo_loads_every_shipped_text_once(settings):
    RegionFactory(code=demo.COUNTY, name="桐庐县")
    report = SimpleNamespace(logins=[])
    lines = demo.load(report)
    counts = (LawText.objects.count(), Article.objects.count(), Entry.objects.count(), Consultation.objects.count())
    assert counts[0] == len(demo.TEXT_DATES) == 13
    assert counts[1] == 619 and counts[3] == len(demo.QUESTIONS)
    assert LawText.objects.get(short_title="劳动合同法").effective_from.isoformat() == "2013-07-01"
    assert {row[1] for row in report.logins} == {demo.OFFICER_USERNAME, demo.LEADER_USERNAME}
    assert "619 条法规条文" in lines[0]
    assert Consultation.objects.filter(outcome="answered").count() >= 6
    demo.load(SimpleNamespace(logins=[]))
    assert (LawText.objects.count(), Article.objects.count(), Entry.objects.count(),
            Consultation.objects.count()) == counts
