"""The left menu: entries by role and scene, grouped under headings, the current page marked; the unread badge."""

import pytest
from django.test import RequestFactory

from zhili.core.identity.choices import Role
from zhili.core.notify.api import send_in_app
from zhili.core.scenes.context import navigation
from zhili.core.testing.api import personas


def _menu(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return navigation(request)


@pytest.mark.django_db
def test_a_worker_sees_their_own_matters_and_no_department_work(worker_zhang):
    menu = _menu(worker_zhang)
    labels = [item["label"] for item in menu["nav_items"]]
    assert "授权管理" in labels and "查阅记录" in labels
    assert "工单办理" not in labels and "数据归集" not in labels
    groups = [group["label"] for group in menu["nav_groups"]]
    assert groups[-1] == "我的数据"  # scenes' groups first, the platform's after


@pytest.mark.django_db
def test_an_officer_sees_the_department_pages_and_the_current_one_is_marked(officer_wang):
    menu = _menu(officer_wang, "/cases/12/")
    labels = [item["label"] for item in menu["nav_items"]]
    assert {"工单办理", "数据归集", "电子合同验签"} <= set(labels)
    assert "授权管理" not in labels
    active = [item for item in menu["nav_items"] if item["active"]]
    assert [item["label"] for item in active] == ["工单办理"]
    assert [group["label"] for group in menu["nav_groups"] if group["active"]] == ["协同处置"]


@pytest.mark.django_db
def test_a_mediator_is_not_offered_the_officers_data_and_verification_pages():
    mediator = personas.department_user(role=Role.MEDIATOR, name="孙丽", username="mediator_sun", phone="13800000005")
    labels = [item["label"] for item in _menu(mediator)["nav_items"]]
    assert "数据归集" not in labels and "电子合同验签" not in labels


@pytest.mark.django_db
def test_the_top_bar_counts_unread_messages(worker_zhang):
    assert _menu(worker_zhang)["unread_messages"] == 0
    send_in_app(worker_zhang, "notice", {"title": "待签署", "content": "您有一份合同待签署"})
    assert _menu(worker_zhang)["unread_messages"] == 1


def test_nobody_signed_in_gets_no_menu(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert navigation(request) == {"nav_items": [], "nav_groups": [], "unread_messages": 0}


@pytest.mark.django_db
def test_django_messages_show_as_toasts_that_can_be_closed(client, officer_wang):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message as Notice
    from django.template.loader import render_to_string

    request = RequestFactory().get("/")
    request.user = officer_wang
    html = render_to_string("base/base.html", {"messages": [Notice(constants.SUCCESS, "已授权 建德农商银行 查看"),
                                                            Notice(constants.ERROR, "文件过大")]}, request=request)
    assert html.count('class="toast show zl-toast msg') == 2
    assert 'role="status"' in html and 'role="alert"' in html  # an error is announced at once
    assert "已授权 建德农商银行 查看" in html and 'data-bs-dismiss="toast"' in html
