"""Delivery: a message reaches every open stream without reloading, a reconnect gets exactly what it missed, and
other processes hear of it through the configured backend (the database poll, PostgreSQL NOTIFY or Redis)."""

import http.client
import json
import threading
import time
import urllib.parse

import pytest
from django.db import connection

from zhili.core.live import api as live

pytestmark = [pytest.mark.urls("zhili.core.live.tests.urls")]

WAIT = 60  # seconds a reader waits for what it expects; a bound, not a timing assertion


class StreamReader(threading.Thread):
    """Reads an event stream over real HTTP until it has ``expected`` messages or the wait runs out."""

    def __init__(self, base_url: str, path: str, expected: int, last_event_id: int | None = None):
        super().__init__(daemon=True)
        self.address = urllib.parse.urlsplit(base_url)
        self.path, self.expected, self.last_event_id = path, expected, last_event_id
        self.records: list[dict] = []
        self.opened = threading.Event()
        self.status = None

    def run(self):
        conn = http.client.HTTPConnection(self.address.hostname, self.address.port, timeout=WAIT)
        headers = {"Accept": "text/event-stream"}
        if self.last_event_id is not None:
            headers["Last-Event-ID"] = str(self.last_event_id)
        conn.request("GET", self.path, headers=headers)
        response = conn.getresponse()
        self.status = response.status
        buffer = ""
        deadline = time.monotonic() + WAIT
        try:
            while len(self.records) < self.expected and time.monotonic() < deadline:
                line = response.fp.readline().decode()
                if not line:
                    break
                buffer += line
                if line.startswith("retry:"):
                    self.opened.set()
                if line == "\n":
                    self.records += live.frames_to_records(buffer)
                    buffer = ""
        finally:
            self.opened.set()
            conn.close()


def test_a_message_reaches_every_open_page_and_a_reconnect_gets_only_what_it_missed(
        transactional_db, live_server, fresh_hub, mediator_sun, worker_zhang):
    """Three participants watch the room; each sees every message once, in order; one who dropped out after the
    second message and comes back with Last-Event-ID 2 gets the third and fourth and nothing else."""
    room = live.open_channel("test.room:42", actor=mediator_sun, title="调解室")
    readers = [StreamReader(live_server.url, f"/live-test/{room.pk}/events", expected=4) for _ in range(3)]
    for reader in readers:
        reader.start()
    for reader in readers:
        assert reader.opened.wait(WAIT)

    texts = ["调解开始", "申请人陈述", "被申请人答辩", "调解员提出方案"]
    for number, text in enumerate(texts, start=1):
        live.post_message(room, actor=mediator_sun if number % 2 else worker_zhang, text=text, author_label="调解员")
    for reader in readers:
        reader.join(WAIT)

    for reader in readers:
        assert reader.status == 200
        assert [(r["seq"], r["text"]) for r in reader.records] == list(enumerate(texts, start=1))

    comeback = StreamReader(live_server.url, f"/live-test/{room.pk}/events", expected=2, last_event_id=2)
    comeback.start()
    comeback.join(WAIT)
    assert [r["seq"] for r in comeback.records] == [3, 4]


def test_the_long_poll_waits_for_the_next_message(transactional_db, live_server, fresh_hub, mediator_sun):
    room = live.open_channel("test.room:43", actor=mediator_sun)
    live.post_message(room, actor=mediator_sun, text="第一条")
    address = urllib.parse.urlsplit(live_server.url)
    got = {}

    def poll():
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=WAIT)
        conn.request("GET", f"/live-test/{room.pk}/poll?after=1&wait=20")
        got["body"] = json.loads(conn.getresponse().read())
        conn.close()

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    deadline = time.monotonic() + WAIT
    while not fresh_hub._watched and time.monotonic() < deadline:  # the poll is waiting on the hub
        time.sleep(0.05)
    live.post_message(room, actor=mediator_sun, text="第二条")
    poller.join(WAIT)

    assert got["body"]["last_seq"] == 2
    assert [m["text"] for m in got["body"]["messages"]] == ["第二条"]


def test_the_poll_answers_at_once_with_what_the_client_lacks(client, room, mediator_sun, fresh_hub):
    for text in ("一", "二", "三"):
        live.post_message(room, actor=mediator_sun, text=text)
    response = client.get(f"/live-test/{room.pk}/poll?after=1")
    assert response.status_code == 200
    assert [m["seq"] for m in response.json()["messages"]] == [2, 3]
    assert response.json()["last_seq"] == 3


def _second_process_hears(other: live.Hub, room, post) -> list[tuple[int, str]]:
    """``other`` stands for a second server process: nothing tells it in-process, only its backend does.

    Its first news of a channel may come without the record (the database poll learns only the number; its streams
    then read the database); from then on it holds each new message itself."""
    other.watch(room.pk)
    try:
        assert other.ready.wait(WAIT)
        post("第一条")
        first = other.wait(room.pk, 0, WAIT)
        assert first is None or [d.seq for d in first] == [1]
        post("第二条")
        second = other.wait(room.pk, 1, WAIT)
        return [(d.seq, d.record["text"]) for d in second]
    finally:
        other.unwatch(room.pk)
        other.stop()


def test_another_process_learns_of_a_message_by_polling_the_database(transactional_db, fresh_hub, mediator_sun):
    room = live.open_channel("test.room:44", actor=mediator_sun)
    other = live.Hub("local", poll_seconds=0.2)
    seen = _second_process_hears(other, room, lambda text: live.post_message(room, actor=mediator_sun, text=text))
    assert seen == [(2, "第二条")]


@pytest.mark.postgres
def test_another_process_hears_of_a_message_through_postgresql_notify(transactional_db, mediator_sun):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ZHILI_DATABASE_URL)")
    writer = live.Hub("postgres", safety_poll_seconds=3600)
    previous = live.replace_hub(writer)
    try:
        room = live.open_channel("test.room:45", actor=mediator_sun)
        other = live.Hub("postgres", safety_poll_seconds=3600)  # only NOTIFY can tell it within the wait
        seen = _second_process_hears(other, room, lambda text: live.post_message(room, actor=mediator_sun, text=text))
    finally:
        writer.stop()
        live.replace_hub(previous)
    assert seen == [(2, "第二条")]


def test_another_process_hears_of_a_message_through_redis(transactional_db, mediator_sun):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    writer = live.Hub("redis", safety_poll_seconds=3600)
    previous = live.replace_hub(writer)
    try:
        room = live.open_channel("test.room:46", actor=mediator_sun)
        other = live.Hub("redis", safety_poll_seconds=3600)
        seen = _second_process_hears(other, room, lambda text: live.post_message(room, actor=mediator_sun, text=text))
    finally:
        writer.stop()
        live.replace_hub(previous)
    assert seen == [(2, "第二条")]
