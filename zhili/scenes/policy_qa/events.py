"""Messages of the 政策咨询机器人 scene (registered when the scene loader imports this module).

The scene publishes ``policy_qa.text.loaded`` (payload ``law_id``, ``version``) when an official text is loaded.
"""

from zhili.core.notify.api import MessageTemplate, register_template

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
