"""core.ledger — the evidence ledger (存证账本): an RFC 9162 Merkle log with signed, time-stamped checkpoints.

Callers use ``zhili.core.ledger.api``. ``verify.py`` and ``note.py`` import nothing from Django or Zhili, so
they can be handed to anyone who wants to check a proof or a checkpoint without trusting the platform.
"""
