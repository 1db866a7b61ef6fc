"""One hub per server process: it learns of committed messages and wakes the streams waiting for them.

The database is the truth (every message is stored with its channel's sequence number); the hub only makes the
news travel fast. A message committed in this process is offered to the hub at once (``transaction.on_commit``).
Messages committed by another process (a second gunicorn worker, the task worker) arrive by the configured
backend:

- ``local`` (the embedded default, no other server): the hub reads ``Channel.last_seq`` of the channels someone
  watches every ``ZHILI_LIVE_POLL_SECONDS`` (1 s) and fetches what it has not seen;
- ``postgres``: ``NOTIFY zhili_live`` in the writer's transaction (sent by PostgreSQL on commit, in commit order),
  ``LISTEN`` on one connection per process;
- ``redis``: ``PUBLISH`` after commit, one subscriber connection per process.

With either server backend the hub still polls, every ``ZHILI_LIVE_SAFETY_POLL_SECONDS`` (10 s) and after a
listener reconnects, so a notification lost with a dropped connection delays a message but never loses it.

For each watched channel the hub keeps the newest messages as a contiguous run ending at the highest number it
knows; a stream that has everything up to ``after`` takes the rest from that run, or reads the database when the
run does not reach back far enough (a reconnect after a long absence). Numbers only go up, so a stream never
sends a message twice, and it sends them in order with none skipped.
"""

import json
import logging
import queue
import threading
import time
from collections import deque

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection as default_connection
from django.db import connections

from .choices import Backend
from .deliveries import Delivery, delivery, sse_frame  # noqa: F401  (sse_frame: part of the hub's face)

logger = logging.getLogger(__name__)

NOTIFY_CHANNEL = "zhili_live"
REDIS_CHANNEL = "zhili:live"
BUFFER_PER_CHANNEL = 256
# PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a longer message goes by number only.
NOTIFY_PAYLOAD_MAX = 7900


class _Watched:
    """What the hub knows of one watched channel."""

    __slots__ = ("watchers", "last_seq", "run", "changed")

    def __init__(self, lock: threading.Lock):
        self.watchers = 0
        self.last_seq: int | None = None  # the highest number known committed (None: not learnt yet)
        self.run: deque[Delivery] = deque(maxlen=BUFFER_PER_CHANNEL)  # contiguous, ending at last_seq
        self.changed = threading.Condition(lock)


class Hub:
    """The process's registry of watched channels and the thread that keeps them current."""

    def __init__(self, backend: str | None = None, *, poll_seconds: float | None = None,
                 safety_poll_seconds: float | None = None, redis_url: str | None = None):
        self.backend = backend or getattr(settings, "LIVE_BACKEND", Backend.LOCAL)
        if self.backend not in Backend.values:
            raise ImproperlyConfigured(f"ZHILI_LIVE_BACKEND={self.backend!r}: use one of {', '.join(Backend.values)}")
        self.poll_seconds = poll_seconds if poll_seconds is not None else getattr(settings, "LIVE_POLL_SECONDS", 1.0)
        self.safety_poll_seconds = (safety_poll_seconds if safety_poll_seconds is not None
                                    else getattr(settings, "LIVE_SAFETY_POLL_SECONDS", 10.0))
        self.redis_url = redis_url or getattr(settings, "LIVE_REDIS_URL", "redis://127.0.0.1:6379/0")
        self._lock = threading.Lock()
        self._watched: dict[int, _Watched] = {}
        self._gaps: queue.SimpleQueue = queue.SimpleQueue()  # (channel_id, seq) the hub thread must fetch
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.ready = threading.Event()  # set once the thread listens (tests wait for it before posting)
        self._redis = None

    # ------------------------------------------------------------------ streams

    def watch(self, channel_id: int) -> None:
        """Count one more stream on ``channel_id`` (start the hub's thread on first use)."""
        with self._lock:
            state = self._watched.get(channel_id)
            if state is None:
                state = self._watched[channel_id] = _Watched(self._lock)
            state.watchers += 1
        self._ensure_thread()

    def unwatch(self, channel_id: int) -> None:
        with self._lock:
            state = self._watched.get(channel_id)
            if state is not None:
                state.watchers -= 1
                if state.watchers <= 0:
                    del self._watched[channel_id]

    def wait(self, channel_id: int, after: int, timeout: float) -> list[Delivery] | None:
        """The messages numbered above ``after``, waiting up to ``timeout`` seconds for one to arrive.

        Returns ``[]`` when none came, or None when the hub's run does not reach back to ``after + 1``: the caller
        then reads the database (``queries.deliveries_since``).
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            state = self._watched.get(channel_id)
            if state is None:
                raise RuntimeError("wait() on a channel that is not watched")
            while True:
                if state.last_seq is not None and state.last_seq > after:
                    if state.run and state.run[0].seq <= after + 1:
                        return [d for d in state.run if d.seq > after]
                    return None
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                state.changed.wait(remaining)

    # ------------------------------------------------------------------ news of committed messages

    def offer(self, channel_id: int, seq: int, record: dict | None) -> None:
        """Take the news that message ``seq`` of ``channel_id`` is committed (with its record when known)."""
        with self._lock:
            state = self._watched.get(channel_id)
            if state is None or (state.last_seq is not None and seq <= state.last_seq):
                return  # nobody here watches it, or it is known already
            if record is not None and (state.last_seq is None or seq == state.last_seq + 1):
                if state.last_seq is None:
                    state.run.clear()
                state.run.append(delivery(record))
                state.last_seq = seq
                state.changed.notify_all()
                return
        self._gaps.put((channel_id, seq))  # a gap, or a number without its record: the hub thread reads it

    def publish(self, channel_id: int, seq: int, record: dict) -> None:
        """Called by ``services.post_message`` inside the writer's transaction: tell every process on commit."""
        from django.db import transaction

        if self.backend == Backend.POSTGRES:
            payload = json.dumps({"c": channel_id, "s": seq, "r": record}, ensure_ascii=False,
                                 separators=(",", ":"))
            if len(payload.encode()) >= NOTIFY_PAYLOAD_MAX:
                payload = json.dumps({"c": channel_id, "s": seq})
            with default_connection.cursor() as cursor:  # sent by PostgreSQL when (and only if) this commits
                cursor.execute("SELECT pg_notify(%s, %s)", [NOTIFY_CHANNEL, payload])
        elif self.backend == Backend.REDIS:
            payload = json.dumps({"c": channel_id, "s": seq, "r": record}, ensure_ascii=False)
            transaction.on_commit(lambda: self._redis_publish(payload), robust=True)
        transaction.on_commit(lambda: self.offer(channel_id, seq, record), robust=True)

    # ------------------------------------------------------------------ the hub's thread

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            if self.backend == Backend.POSTGRES and connections["default"].vendor != "postgresql":
                raise ImproperlyConfigured("ZHILI_LIVE_BACKEND=postgres needs ZHILI_DATABASE_URL to be PostgreSQL")
            self._stopping.clear()
            self.ready.clear()
            self._thread = threading.Thread(target=self._run, name=f"zhili-live-hub-{self.backend}", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop the thread (tests and benchmarks; a server process just exits)."""
        self._stopping.set()
        self._gaps.put(None)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None

    def _run(self) -> None:
        try:
            if self.backend == Backend.POSTGRES:
                self._run_postgres()
            elif self.backend == Backend.REDIS:
                self._run_redis()
            else:
                self._run_local()
        finally:
            connections.close_all()

    def _run_local(self) -> None:
        self.ready.set()
        next_poll = time.monotonic() + self.poll_seconds
        while not self._stopping.is_set():
            try:
                item = self._gaps.get(timeout=max(0.0, next_poll - time.monotonic()))
            except queue.Empty:
                item = None
            self._guarded(self._drain_gaps, item)
            if time.monotonic() >= next_poll:
                self._guarded(self._poll)
                next_poll = time.monotonic() + self.poll_seconds

    def _run_postgres(self) -> None:
        import psycopg

        while not self._stopping.is_set():
            try:
                params = connections["default"].get_connection_params()
                keep = {k: params[k] for k in ("dbname", "user", "password", "host", "port") if params.get(k)}
                with psycopg.connect(autocommit=True, **keep) as listener:
                    listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self.ready.set()
                    self._guarded(self._poll)  # whatever was committed before LISTEN took effect
                    next_poll = time.monotonic() + self.safety_poll_seconds
                    while not self._stopping.is_set():
                        for notice in listener.notifies(timeout=0.5):
                            self._take(notice.payload)
                        self._guarded(self._drain_gaps, None)
                        if time.monotonic() >= next_poll:
                            self._guarded(self._poll)
                            next_poll = time.monotonic() + self.safety_poll_seconds
            except Exception:
                if self._stopping.is_set():
                    return
                logger.exception("live: the PostgreSQL listener failed; reconnecting in 1 s")
                time.sleep(1)

    def _run_redis(self) -> None:
        while not self._stopping.is_set():
            try:
                subscription = self._redis_client().pubsub(ignore_subscribe_messages=True)
                subscription.subscribe(REDIS_CHANNEL)
                subscription.get_message(timeout=1.0, ignore_subscribe_messages=False)  # the confirmation
                self.ready.set()
                try:
                    self._guarded(self._poll)
                    next_poll = time.monotonic() + self.safety_poll_seconds
                    while not self._stopping.is_set():
                        message = subscription.get_message(timeout=0.5)
                        if message is not None:
                            self._take(message["data"])
                        self._guarded(self._drain_gaps, None)
                        if time.monotonic() >= next_poll:
                            self._guarded(self._poll)
                            next_poll = time.monotonic() + self.safety_poll_seconds
                finally:
                    subscription.close()
            except Exception:
                if self._stopping.is_set():
                    return
                logger.exception("live: the Redis subscriber failed; reconnecting in 1 s")
                time.sleep(1)

    def _redis_client(self):
        if self._redis is None:
            import redis

            self._redis = redis.Redis.from_url(self.redis_url)
        return self._redis

    def _redis_publish(self, payload: str) -> None:
        try:
            self._redis_client().publish(REDIS_CHANNEL, payload)
        except Exception:  # the message is stored; other processes find it at their next safety poll
            logger.exception("live: could not publish to Redis")

    def _take(self, payload) -> None:
        try:
            news = json.loads(payload)
            self.offer(int(news["c"]), int(news["s"]), news.get("r"))
        except (ValueError, KeyError, TypeError):
            logger.warning("live: ignored a malformed notification %r", payload[:200])

    def _guarded(self, work, *args) -> None:
        try:
            work(*args)
        except Exception:
            logger.exception("live: hub work failed; the next poll retries")
            connections.close_all()

    def _drain_gaps(self, first) -> None:
        """Read from the database the messages the hub learnt of without their record, or after a gap."""
        wanted: dict[int, int] = {}
        item = first
        while True:
            if item is not None:
                channel_id, seq = item
                wanted[channel_id] = max(seq, wanted.get(channel_id, 0))
            try:
                item = self._gaps.get_nowait()
            except queue.Empty:
                break
        if wanted:
            self._fill(wanted)

    def _poll(self) -> None:
        """Compare the watched channels' ``last_seq`` with what the hub knows; fetch what is missing."""
        from .models import Channel

        with self._lock:
            ids = list(self._watched)
        if not ids:
            return
        newest = dict(Channel.objects.filter(pk__in=ids).values_list("pk", "last_seq"))
        with self._lock:
            behind = {cid: seq for cid, seq in newest.items()
                      if cid in self._watched and seq > (self._watched[cid].last_seq or 0)}
        if behind:
            self._fill(behind)

    def _fill(self, wanted: dict[int, int]) -> None:
        """Bring each channel's run up to the wanted number, reading at most one run's length per channel."""
        from .queries import deliveries_since

        for channel_id, upto in wanted.items():
            with self._lock:
                state = self._watched.get(channel_id)
                if state is None or (state.last_seq is not None and state.last_seq >= upto):
                    continue
                if state.last_seq is None:  # first news of this channel: its streams read what they lack
                    state.last_seq = upto
                    state.run.clear()
                    state.changed.notify_all()
                    continue
                start = max(state.last_seq, upto - BUFFER_PER_CHANNEL)
            fetched = deliveries_since(channel_id, start, limit=BUFFER_PER_CHANNEL)
            with self._lock:
                state = self._watched.get(channel_id)
                if state is None:
                    continue
                for item in fetched:
                    if state.last_seq is not None and item.seq <= state.last_seq:
                        continue
                    if state.last_seq is None or item.seq != state.last_seq + 1:
                        state.run.clear()  # the run must stay contiguous
                    state.run.append(item)
                    state.last_seq = item.seq
                state.changed.notify_all()
        if not default_connection.in_atomic_block:
            default_connection.close_if_unusable_or_obsolete()


_hub: Hub | None = None
_hub_lock = threading.Lock()


def hub() -> Hub:
    """This process's hub (made on first use, with the configured backend)."""
    global _hub
    if _hub is None:
        with _hub_lock:
            if _hub is None:
                _hub = Hub()
    return _hub


def replace_hub(new: Hub | None) -> Hub | None:
    """Swap this process's hub (tests and benchmarks choose a backend); return the previous one."""
    global _hub
    with _hub_lock:
        previous, _hub = _hub, new
    return previous
