"""Fixtures shared by the foundation tests."""

import datetime as dt

import pytest
from django.utils import timezone

from zhili.core.esign.choices import CertificateKind
from zhili.core.esign.models import Certificate


@pytest.fixture
def certificate_of_zhang(worker_zhang):
    """A stored person certificate (placeholder DER) for inserting rows that refer to one."""
    now = timezone.now()
    return Certificate.objects.create(
        kind=CertificateKind.PERSON, subject="CN=张*", serial_number="0a1b2c", fingerprint="f" * 64, der=b"\x30\x00",
        user=worker_zhang, not_before=now, not_after=now + dt.timedelta(days=365),
    )
