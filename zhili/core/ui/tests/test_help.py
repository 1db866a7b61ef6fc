"""The help centre: apps declare page help, guides, FAQ and contacts; the ? in the top bar opens the page's help;
the help pages exist in Chinese and in English and put a person's own role's guides first."""

import re
import types

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

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


def _url_names() -> set[str]:
    """Every ``namespace:name`` the URLconf knows (whether or not it takes arguments)."""
    from django.urls import get_resolver

    names = set()
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        names |= {f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    return names


def _scenes() -> list[str]:
    """The project's scenes (zhili.scenes.*), not the test-only dummy scene."""
    from zhili.core.scenes.registry import scenes

    return [code for code in scenes if scenes[code].name.startswith("zhili.scenes.")]


def test_every_installed_scene_has_help_whose_pages_exist():
    scenes = _scenes()
    assert scenes
    known = _url_names()
    without = [code for code in scenes if helpcentre.help_for(code) is None]
    assert not without, f"scenes without help.py: {without}"
    for code in scenes:
        found = helpcentre.help_for(code)
        assert found.pages and found.contacts, f"{code}: help needs page help and a contact"
        assert not [p.url_name for p in found.pages if p.url_name not in known], code


@pytest.mark.django_db
def test_every_scene_help_page_renders_in_chinese_and_english(client):
    scenes = _scenes()
    for code in scenes:
        found = helpcentre.help_for(code)
        text = client.get(reverse("help:app", args=[code])).content.decode()
        assert escape(str(found.pages[0].text)) in text, code
    client.cookies["django_language"] = "en"
    for code in scenes:
        text = client.get(reverse("help:app", args=[code]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        with translation.override("en"):
            english = str(helpcentre.help_for(code).pages[0].text)
        assert escape(english) in text and not re.search(r"[\u4e00-\u9fff]", english), code
