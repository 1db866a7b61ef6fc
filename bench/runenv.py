"""What a benchmark process runs with: Django in production mode, with keys made for the run."""

import base64
import os
import secrets


def production_mode() -> None:
    """``ZHILI_DEBUG=0``, as deployed (Django keeps no log of every statement), which refuses the development
    keys: so the run gets random keys of its own, unless they are set already. Processes started afterwards
    (phases, task workers, servers) inherit them, so every process of a run shares its keys."""
    os.environ.setdefault("ZHILI_DEBUG", "0")
    os.environ.setdefault("ZHILI_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("ZHILI_PII_KEY", base64.b64encode(secrets.token_bytes(32)).decode())
    os.environ.setdefault("ZHILI_ESIGN_KEK", base64.b64encode(secrets.token_bytes(32)).decode())
    os.environ.setdefault("ZHILI_LEDGER_SIGNING_KEY", base64.b64encode(secrets.token_bytes(32)).decode())
