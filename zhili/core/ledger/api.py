"""What other packages and scenes may call in core.ledger (存证账本)."""

from . import keys as _keys
from .models import Checkpoint, LedgerAlert, LedgerEntry  # noqa: F401  (FK targets and reads)
from .note import NoteError, open_checkpoint  # noqa: F401
from .queries import (  # noqa: F401
    EntryProof,
    checkpoint_covering,
    consistency_proof,
    entries_for,
    entries_for_digest,
    entries_for_digests,
    entry,
    inclusion_proof,
    latest_checkpoint,
    proofs_for,
    root,
    tree_size,
)
from .records import DIGEST_PATTERN, subject_reference  # noqa: F401
from .services import (  # noqa: F401
    anchor_pending_checkpoints,
    audit_ledger,
    checkpoint_if_due,
    make_checkpoint,
    timestamper,
    use_timestamper,
)
from .services import append_entries as append_many  # noqa: F401
from .services import append_entry as append  # noqa: F401
from .verify import hash_leaf, verify_consistency, verify_inclusion  # noqa: F401


def verifier_key() -> str:
    """Return the published key (``name+hash+base64``) that checks checkpoint notes."""
    return _keys.verifier_key()
