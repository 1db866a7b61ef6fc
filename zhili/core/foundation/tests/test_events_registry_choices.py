import pytest
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation import events
from zhili.core.foundation.choices import ChoiceSet
from zhili.core.foundation.registry import Registry, RegistryFrozen
from zhili.core.scenes.registry import scenes
from zhili.core.testing.dummy_scene import events as dummy_events
from zhili.core.testing.dummy_scene.models import DummyDocument
from zhili.core.testing.dummy_scene.services import publish_document


class WarningLevel(ChoiceSet):
    RED = "red", _("红色预警"), "#d93026"
    BLUE = "blue", _("蓝色预警"), "#1e6fd9"
    NONE = "none", _("无")


def test_choice_members_carry_label_and_colour():
    assert WarningLevel.RED == "red"
    assert str(WarningLevel.RED.label) == "红色预警"
    assert WarningLevel.RED.colour == "#d93026"
    assert WarningLevel.NONE.colour == "#8a8f98"
    assert WarningLevel.colours() == {"red": "#d93026", "blue": "#1e6fd9", "none": "#8a8f98"}


def test_a_frozen_registry_refuses_new_entries():
    registry = Registry("test")
    registry.register("a", 1)
    registry.freeze()
    with pytest.raises(RegistryFrozen):
        registry.register("b", 2)
    assert registry["a"] == 1 and "b" not in registry


def test_start_up_froze_the_scene_registry_and_loaded_the_dummy_scene():
    assert scenes.frozen
    assert "dummy" in scenes
    with pytest.raises(RegistryFrozen):
        events.subscribe("late.event", lambda e: None)


@pytest.mark.django_db(transaction=True)
def test_events_reach_handlers_only_after_commit(officer_wang):
    document = DummyDocument.objects.create(title="通知")
    dummy_events.received.clear()
    with transaction.atomic():
        publish_document(document, actor=officer_wang)
        assert dummy_events.received == []
    assert [e.payload for e in dummy_events.received] == [{"document_id": document.pk}]


@pytest.mark.django_db(transaction=True)
def test_events_of_a_rolled_back_transaction_are_never_delivered(officer_wang):
    document = DummyDocument.objects.create(title="通知")
    dummy_events.received.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        publish_document(document, actor=officer_wang)
        raise RuntimeError("boom")
    assert dummy_events.received == []
    document.refresh_from_db()
    assert document.state == "draft"
