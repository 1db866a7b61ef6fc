"""A minimal document that the dummy scene manages."""

from django.db import models

from zhili.core.foundation.models import OrgScopedModel


class DummyDocument(OrgScopedModel):
    """A document with a title and a state, to exercise services, audit and events in tests."""

    title = models.CharField(max_length=100)
    state = models.CharField(max_length=20, default="draft")

    def __str__(self):
        return self.title
