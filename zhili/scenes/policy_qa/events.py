"""What the 政策咨询机器人 scene listens to, and its messages (registered when the scene loader imports this module).

For the labour-relations situation report it counts, through core.dashboards observations, the contracts other
scenes complete (``labor_contract.contract.completed``) and the warnings the labour indicator systems raise
(``indicators.level.changed`` to a worse level, ``LABOUR_SYSTEMS`` only), each once. The scene publishes
``policy_qa.text.loaded`` (payload ``law_id``, ``version``) when an official text is loaded.
"""

from django.utils import timezone

from zhili.core.foundation.api import events
from zhili.core.notify.api import MessageTemplate, register_template

LEVELS = {"none": 0, "green": 0, "blue": 1, "yellow": 2, "orange": 3, "red": 4}
# The labour-relations indicator systems, named by string (scenes never import each other; one that is not
# installed raises nothing). Other systems (a housekeeper's safety code, carbon efficiency, grain storage) are not
# labour-relations warnings and are not counted.
LABOUR_SYSTEMS = frozenset({"labor_risk", "wage_guard_risk", "dispatch_watch_hosts"})

register_template(MessageTemplate(
    code="policy_qa_handover",
    body="有一条政策咨询需要人工答复：「{question}」。请到「咨询待办」处理。",
    subject="政策咨询转人工",
))
register_template(MessageTemplate(
    code="policy_qa_reply",
    body="您咨询的「{question}」已有工作人员答复，请到「我的咨询」查看。",
    subject="政策咨询已答复",
))


@events.subscribe("labor_contract.contract.completed")
def on_contract_completed(event) -> None:
    from zhili.core.dashboards.api import record_observation
    from zhili.core.orgs.api import Organization

    payload = event.payload
    organization = Organization.objects.filter(pk=payload.get("employer_id")).first()
    record_observation("labor.contract.completed", source_key=f"contract:{payload.get('contract_id')}",
                       occurred_on=timezone.localdate(), organization=organization,
                       actor="event:labor_contract.contract.completed")


@events.subscribe("indicators.level.changed")
def on_level_changed(event) -> None:
    payload = event.payload
    if payload.get("system") not in LABOUR_SYSTEMS:
        return
    if LEVELS.get(payload.get("new"), 0) <= LEVELS.get(payload.get("old"), 0) or LEVELS.get(payload.get("new"), 0) < 2:
        return
    from zhili.core.dashboards.api import record_observation
    from zhili.core.orgs.api import Organization

    organization = Organization.objects.filter(uscc=payload.get("entity")).first()
    record_observation("labor.warning", occurred_on=timezone.localdate(), organization=organization,
                       source_key=f"{payload.get('system')}:{payload.get('entity')}:{payload.get('period')}:"
                                  f"{payload.get('new')}", actor="event:indicators.level.changed")
