"""Posting to a channel: numbered in commit order, audited, refused cleanly when the input or the channel is bad."""

import pytest
from django.core.exceptions import ValidationError

from zhili.core.foundation.audit import entries_for
from zhili.core.live import api as live
from zhili.core.live.models import Message


def test_messages_are_numbered_one_two_three_and_audited(room, mediator_sun, worker_zhang, fresh_hub):
    first = live.post_message(room, actor=mediator_sun, text="双方好，今天调解开始。", author_label="调解员")
    second = live.post_message(room, actor=worker_zhang, text="我要求支付拖欠的工资 12000 元。", author_label="申请人")
    third = live.post_message(room, actor=mediator_sun, kind="notice", data={"event": "evidence", "name": "工资条.jpg"},
                              author_label="系统")

    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    room.refresh_from_db()
    assert room.last_seq == 3
    assert [r["text"] for r in live.records_since(room, 1)] == ["我要求支付拖欠的工资 12000 元。", ""]
    assert live.records_since(room, 2)[0]["data"] == {"event": "evidence", "name": "工资条.jpg"}
    posted = [e for e in entries_for(room) if e.action == "live.message.posted"]
    assert [e.data["seq"] for e in sorted(posted, key=lambda e: e.pk)] == [1, 2, 3]


def test_message_text_is_encrypted_at_rest(room, worker_zhang, fresh_hub):
    from django.db import connection

    live.post_message(room, actor=worker_zhang, text="我的手机号是 13800000001", author_label="申请人")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM live_message")
        (stored,) = cursor.fetchone()
    assert stored.startswith("v1:") and "13800000001" not in stored


@pytest.mark.parametrize(("text", "kind", "data", "field"), [
    ("", "text", None, "text"),
    ("很" * 4001, "text", None, "text"),
    ("你好", "", None, "kind"),
    ("你好", "text", {"blob": "x" * 9000}, "data"),
])
def test_bad_input_names_the_field_and_writes_nothing(room, worker_zhang, fresh_hub, text, kind, data, field):
    with pytest.raises(ValidationError) as raised:
        live.post_message(room, actor=worker_zhang, text=text, kind=kind, data=data)
    assert field in raised.value.message_dict
    room.refresh_from_db()
    assert room.last_seq == 0
    assert not Message.objects.exists()


def test_a_closed_channel_takes_no_more_messages(room, mediator_sun, worker_zhang, fresh_hub):
    live.post_message(room, actor=mediator_sun, text="今天的调解到此结束。")
    live.close_channel(room, actor=mediator_sun)

    with pytest.raises(ValidationError) as raised:
        live.post_message(room, actor=worker_zhang, text="我还有话说")
    assert "channel" in raised.value.message_dict
    room.refresh_from_db()
    assert room.last_seq == 1
    assert Message.objects.count() == 1


def test_opening_the_same_key_twice_returns_the_same_channel(room, mediator_sun):
    again = live.open_channel("test.room:1", actor=mediator_sun, title="另一个名字")
    assert again.pk == room.pk
    assert again.title == "测试调解室"


@pytest.mark.postgres
def test_first_visitors_opening_a_new_room_at_once_get_one_channel(transactional_db, mediator_sun):
    """Eight first visitors open the same new room at the same moment (a barrier releases them together): each gets
    the one channel, none a duplicate-key error, and the opening is audited once."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ZHILI_DATABASE_URL): SQLite serialises writers")
    barrier, results, errors = threading.Barrier(8), [], []

    def visit():
        try:
            barrier.wait()
            results.append(live.open_channel("test.room:race", actor=mediator_sun, title="调解室").pk)
        except Exception as exc:  # noqa: BLE001 — collected for the assertion below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1 and len(results) == 8
    from zhili.core.live.models import Channel
    channel = Channel.objects.get(key="test.room:race")
    assert [e.action for e in entries_for(channel)].count("live.channel.opened") == 1
