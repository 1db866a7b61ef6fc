"""What follows a refresh of the contract facts: grade the indices, warm the cockpit's default views."""

from dataclasses import replace

from zhili.core.dashboards.api import prune_results

from .facts import CONTRACT_FACTS
from .grading import evaluate_indices
from .queries import warm_cache


def after_refresh(version: int) -> None:
    """Grade the indices on the new facts, warn the responsible officers, and compute the cockpit's default views."""
    evaluate_indices()
    warm_cache()
    prune_results()


# The fact table as the scene registers it (``dashboards.py``): with the step above after each refresh.
REFRESHED_CONTRACT_FACTS = replace(CONTRACT_FACTS, after_refresh=after_refresh)
