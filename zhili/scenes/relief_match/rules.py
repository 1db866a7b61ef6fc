"""The scene's rules: the ``relief_match`` policy domain (``policy_packs/relief_match.yaml``), with the
out-of-statute helps officers add in the admin or by XLSX import. Every threshold, amount and deadline is a
dated parameter there, with its reference and whether the official value was checked."""

from zhili.core.policy.api import current_domain

DOMAIN = "relief_match"


def relief_domain():
    return current_domain(DOMAIN)
