"""Fixtures for the ledger tests: a real TSA for anchoring, and a helper to fill the log."""

import hashlib

import pytest


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def fill():
    """Append ``n`` records about contracts c-0, c-1, … and return their entries."""
    from zhili.core.ledger import api as ledger

    def append(n: int, *, start: int = 0):
        return ledger.append_many([
            {"kind": "labor_contract.signed", "subject": ("labor_contract.contract", f"c-{i}"),
             "digest": sha(f"contract {i}")}
            for i in range(start, start + n)
        ])

    return append


@pytest.fixture
def platform_tsa(db, monkeypatch, settings):
    """The platform's own RFC 3161 TSA (core.esign), reached through esign.api once esign offers it there."""
    from zhili.core.esign import tsa
    from zhili.core.esign.services import ensure_platform_ca
    from zhili.core.ledger import services

    settings.ESIGN_TSA_URL = ""
    ensure_platform_ca()
    if services._timestamper() is None:
        monkeypatch.setattr(services, "_timestamper", lambda: tsa.timestamp)
    return tsa
