from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    """Policies as data: dated parameters, eligibility with explanations, batch decisions through Ibis."""

    name = "zhili.core.policy"
    label = "policy"
    verbose_name = _("政策引擎")

    def ready(self):
        from . import permissions  # noqa: F401 (registers the rules)

        # Policy packs (policies.py, policy_packs/*.yaml) are read by the one scene loader, with every other
        # declaration; a bad pack stops the start there, with its file and line.
