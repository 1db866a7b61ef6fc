"""Who may do what in the 政策咨询机器人 scene.

Anyone may ask and rate their own answers. Officers (and platform administrators) load official texts, curate
the knowledge base and answer the questions handed over in their region; decision-makers see the analysis.
"""

from zhili.core.identity.api import Role, has_role, in_scope, rule

from .roles import LEADER, OFFICER


@rule("policy_qa.text.load")
def _load(user, obj) -> bool:
    return has_role(user, OFFICER, Role.PLATFORM_ADMIN)


@rule("policy_qa.entry.curate")
def _curate(user, obj) -> bool:
    return has_role(user, OFFICER, Role.PLATFORM_ADMIN)


@rule("policy_qa.consultation.reply")
def _reply(user, consultation) -> bool:
    if not has_role(user, OFFICER, Role.PLATFORM_ADMIN):
        return False
    if consultation is None or consultation.region_id is None or has_role(user, Role.PLATFORM_ADMIN):
        return True
    return in_scope(user, consultation.region)


@rule("policy_qa.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, LEADER, OFFICER, Role.PLATFORM_ADMIN)
