"""The help centre: apps declare page help, guides, FAQ and contacts; the ? in the top bar opens the page's help;
the help pages exist in Chinese and in English and put a person's own role's guides first."""

import types

import pytest
from django.urls import reverse

from zhili.core.testing.api import PASSWORD
from zhili.core.ui import helpcentre
from zhili.core.ui.api import Faq, Guide, PageHelp


def test_a_help_module_is_checked_when_it_is_registered():
    with pytest.raises(TypeError, match="HELP 只能包含"):
        helpcentre.register_module(types.SimpleNamespace(HELP=["文字"]), scene="demo_bad")
    with pytest.raises(ValueError, match="没有步骤"):
        helpcentre.register_module(types.SimpleNamespace(HELP=[Guide("空指南")]), scene="demo_bad")
    with pytest.raises(ValueError, match="缺少 url_name"):
        helpcentre.register_module(types.SimpleNamespace(HELP=[PageHelp("", "页", "说明")]), scene="demo_bad")
    assert helpcentre.help_for("demo_bad") is None


def test_scenes_declare_their_help_through_the_loader():
    contract = helpcentre.help_for("labor_contract")
    assert contract is not None and any(c.phone == "12333" for c in contract.contacts)
    assert helpcentre.page_help("labor_contract:list")[0] == "labor_contract"
    assert helpcentre.page_help("no_such:page") is None
    assert isinstance(helpcentre.help_for("ui").faq[0], Faq)


@pytest.mark.django_db
def test_the_help_centre_is_public_and_an_undeclared_app_is_a_404(client):
    index = client.get(reverse("help:index"))
    assert index.status_code == 200
    text = index.content.decode()
    assert 'href="/help/labor_contract/"' in text and "12345" in text
    assert client.get("/help/no_such_scene/").status_code == 404


@pytest.mark.django_db
def test_a_scene_help_page_puts_the_persons_own_guides_first(client, worker_zhang, hr_li):
    client.login(username=worker_zhang.username, password=PASSWORD)
    text = client.get(reverse("help:app", args=["labor_contract"])).content.decode()
    assert text.index("劳动者：在手机上签合同") < text.index("单位人事：发约和盖章")
    assert 'id="labor_contract-list"' in text and "12333" in text
    client.login(username="hr_li", password=PASSWORD)
    text = client.get(reverse("help:app", args=["labor_contract"])).content.decode()
    assert text.index("单位人事：发约和盖章") < text.index("劳动者：在手机上签合同")


@pytest.mark.django_db
def test_the_top_bar_question_mark_opens_the_pages_help_in_the_persons_language(client, hr_li):
    client.login(username="hr_li", password=PASSWORD)
    text = client.get(reverse("labor_contract:list")).content.decode()
    assert 'id="help-button"' in text and 'data-bs-target="#page-help"' in text
    assert 'href="/help/labor_contract/#labor_contract-list"' in text and "批量盖章" in text
    client.cookies["django_language"] = "en"
    english = client.get(reverse("labor_contract:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Filter with the status and term dropdowns above" in english and "Help on this page" in english
    client.cookies["django_language"] = "zh-hans"
    # a page without its own help: the ? leads to the help centre
    text = client.get(reverse("notify:inbox")).content.decode()
    assert 'id="help-button" href="/help/"' in text
