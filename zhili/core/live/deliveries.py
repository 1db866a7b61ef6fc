"""A committed message as the streams send it (number, public record, server-sent-events frame).

Apart from the hub so that the replay reads (``queries``) build deliveries without importing the hub, which
reads them back: no import circle.
"""

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Delivery:
    """A committed message as the streams send it: its number, its public record and its SSE frame."""

    seq: int
    record: dict
    frame: str


def sse_frame(record: dict) -> str:
    """The server-sent-events frame of one message: its number as the event id, its record as JSON data."""
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return f"id: {record['seq']}\nevent: message\ndata: {data}\n\n"


def delivery(record: dict) -> Delivery:
    return Delivery(seq=record["seq"], record=record, frame=sse_frame(record))
