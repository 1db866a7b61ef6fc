"""What other code may use from core.ops (运维): ``create_backup(target)``, ``restore_backup(source)``,
``read_manifest(source)`` and ``BackupError``; ``key_fingerprints()`` (never the keys themselves)."""

from .backup import BackupError, create_backup, key_fingerprints, read_manifest, restore_backup

__all__ = ["BackupError", "create_backup", "key_fingerprints", "read_manifest", "restore_backup"]
