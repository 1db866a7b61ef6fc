"""Responses that carry a channel to a page: a server-sent-events stream, and a long poll for clients that
cannot keep a stream open (a proxy that buffers, a script).

The caller (a scene's view) decides who may read the channel; these only deliver. Both start after the number
the client last saw (``?after=N``, or the ``Last-Event-ID`` header an EventSource sends when it reconnects:
the larger wins), so a page that lost its connection gets exactly what it missed.
"""

import json
import time

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse

from .hub import hub
from .models import Channel
from .queries import REPLAY_BATCH, deliveries_since, release_connection

HEARTBEAT_SECONDS = 15.0
RETRY_MILLISECONDS = 1000
POLL_MAX_SECONDS = 25.0


def last_seen(request) -> int:
    """The number of the newest message the client already has."""
    seen = 0
    for raw in (request.GET.get("after", ""), request.headers.get("Last-Event-ID", "")):
        try:
            seen = max(seen, int(raw))
        except (TypeError, ValueError):
            continue
    return seen


def event_stream(request, channel: Channel, *, seconds: float | None = None) -> StreamingHttpResponse:
    """A ``text/event-stream`` of ``channel``'s messages after the client's last seen one, open for ``seconds``
    (``ZHILI_LIVE_STREAM_SECONDS``, 55 s by default; the browser's EventSource reconnects by itself and resumes
    from the last id it received)."""
    if seconds is None:
        seconds = getattr(settings, "LIVE_STREAM_SECONDS", 55.0)
    response = StreamingHttpResponse(_events(channel.pk, last_seen(request), seconds),
                                     content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each frame on at once
    return response


def _events(channel_id: int, after: int, seconds: float):
    the_hub = hub()
    the_hub.watch(channel_id)
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        while True:  # the backlog, in batches
            batch = deliveries_since(channel_id, after, limit=REPLAY_BATCH)
            for item in batch:
                yield item.frame
                after = item.seq
            if len(batch) < REPLAY_BATCH:
                break
        release_connection()
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            got = the_hub.wait(channel_id, after, min(HEARTBEAT_SECONDS, remaining))
            if got is None:  # further back than the hub keeps: read the database
                got = deliveries_since(channel_id, after, limit=REPLAY_BATCH)
                release_connection()
            if not got:
                yield ": keep-alive\n\n"  # also finds out that a client has gone
                continue
            for item in got:
                yield item.frame
                after = item.seq
    finally:
        the_hub.unwatch(channel_id)


def poll_response(request, channel: Channel, *, wait_seconds: float | None = None) -> JsonResponse:
    """``{"messages": [...], "last_seq": N}``: the messages after the client's last seen one, waiting up to
    ``?wait=`` seconds (at most 25) for the first to arrive."""
    after = last_seen(request)
    if wait_seconds is None:
        try:
            wait_seconds = float(request.GET.get("wait", "0"))
        except ValueError:
            wait_seconds = 0.0
    wait_seconds = max(0.0, min(wait_seconds, POLL_MAX_SECONDS))
    the_hub = hub()
    the_hub.watch(channel.pk)  # before reading, so that nothing committed in between goes unheard
    try:
        records = [d.record for d in deliveries_since(channel.pk, after, limit=REPLAY_BATCH)]
        if not records and wait_seconds > 0:
            release_connection()
            got = the_hub.wait(channel.pk, after, wait_seconds)
            if got is None:
                got = deliveries_since(channel.pk, after, limit=REPLAY_BATCH)
            records = [d.record for d in got]
    finally:
        the_hub.unwatch(channel.pk)
    last = records[-1]["seq"] if records else after
    return JsonResponse({"messages": records, "last_seq": last},
                        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})


def frames_to_records(text: str) -> list[dict]:
    """The message records in a piece of event-stream text (tests and the benchmark's clients read with it)."""
    records = []
    for block in text.split("\n\n"):
        data = [line[5:].lstrip() for line in block.split("\n") if line.startswith("data:")]
        if data:
            records.append(json.loads("\n".join(data)))
    return records
