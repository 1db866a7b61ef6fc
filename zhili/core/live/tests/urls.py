"""Test-only endpoints: a channel's stream and poll by id, with no permission check (a scene adds its own)."""

from django.shortcuts import get_object_or_404
from django.urls import path

from zhili.core.live import api as live


def events(request, channel_id):
    return live.event_stream(request, get_object_or_404(live.Channel, pk=channel_id), seconds=20)


def poll(request, channel_id):
    return live.poll_response(request, get_object_or_404(live.Channel, pk=channel_id))


urlpatterns = [
    path("live-test/<int:channel_id>/events", events),
    path("live-test/<int:channel_id>/poll", poll),
]
