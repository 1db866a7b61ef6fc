"""Collects every event the dummy scene is told about, so tests can see delivery on commit."""

from zhili.core.foundation import events

received: list = []


@events.subscribe("dummy.document.published")
def remember(event):
    received.append(event)
