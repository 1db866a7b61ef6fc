"""Background tasks (django-tasks): periodic checkpoints, anchoring retries and the nightly audit."""

from django_tasks import task


@task()
def checkpoint_and_anchor() -> dict[str, int | None]:
    """Make a checkpoint if one is due, then retry the TSA for pending ones."""
    from .services import anchor_pending_checkpoints, checkpoint_if_due

    checkpoint = checkpoint_if_due()
    return {"checkpoint": checkpoint.tree_size if checkpoint else None, "anchored": anchor_pending_checkpoints()}


@task()
def audit() -> dict[str, object]:
    """Recompute the tree and compare it with every checkpoint (red alerts on any difference)."""
    from .services import audit_ledger

    report = audit_ledger()
    return {"leaves": report["leaves"], "checkpoints": report["checkpoints"], "findings": report["findings"]}
