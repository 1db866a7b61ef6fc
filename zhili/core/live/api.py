"""What other packages and scenes may call in core.live (实时消息).

A scene names a channel by a key of its own (``mediation.room:42:joint``), decides in its views who may read and
post, and lets core.live number, store and deliver:

    channel = live.open_channel(key, actor=user, title=..., subject=room)
    live.post_message(channel, actor=user, text=..., kind="text", data={...}, author_label="调解员")
    return live.event_stream(request, channel)      # text/event-stream, resumes after Last-Event-ID / ?after=
    return live.poll_response(request, channel)     # long poll: {"messages": [...], "last_seq": N}

The page loads ``live/live.js`` (``ZhiliLive.connect({url, pollUrl, after, onMessage, onState})``), which keeps
the stream open, reconnects, and drops anything it has seen already. ``ZHILI_LIVE_BACKEND`` chooses how server
processes tell each other (``local``, ``postgres``, ``redis``; see ``hub.py`` and docs/adr/0007).
"""

from .choices import Backend
from .hub import Delivery, Hub, hub, replace_hub, sse_frame
from .models import Channel, Message
from .queries import channel_by_key, channels_of, message_record, messages_since, records_since
from .services import close_channel, open_channel, post_message
from .streams import event_stream, frames_to_records, last_seen, poll_response

__all__ = [
    "Backend", "Channel", "Delivery", "Hub", "Message", "channel_by_key", "channels_of", "close_channel",
    "event_stream", "frames_to_records", "hub", "last_seen", "message_record", "messages_since", "open_channel",
    "poll_response", "post_message", "records_since", "replace_hub", "sse_frame",
]
