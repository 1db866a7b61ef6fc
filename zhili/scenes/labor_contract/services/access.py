"""The access log of personal data: every read of a contract by someone other than its worker is recorded."""

from zhili.core.foundation.api import audit

from ..permissions import is_named_worker


def record_contract_read(contract, *, actor, what: str, ip_address=None) -> bool:
    """Write an audit entry when ``actor`` (not the contract's worker) reads the contract; return whether written."""
    if actor is not None and getattr(actor, "is_authenticated", False) and is_named_worker(actor, contract):
        return False
    audit.record("labor_contract.contract.read", actor=actor, target=contract, ip_address=ip_address,
                 data={"what": what, "number": contract.number})
    return True
