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
def platform_tsa(db, settings):
    """The TSA the ledger anchors with: the one core.esign hands over at start-up (its own RFC 3161 TSA while
    ZHILI_TSA_URL is unset). The ledger reaches it only through ``use_timestamper``, never by importing esign."""
    from zhili.core.ledger import api as ledger

    settings.ESIGN_TSA_URL = ""
    stamp = ledger.timestamper()
    assert stamp is not None, "no TSA was handed to the ledger at start-up"
    return stamp
