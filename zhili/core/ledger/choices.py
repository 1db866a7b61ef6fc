"""Choice sets of the ledger: alert levels and checkpoint anchoring states."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class AlertLevel(ChoiceSet):
    """How grave a ledger alert is; red means the log no longer matches what it signed."""

    RED = "red", _("红色告警"), Colour.RED
    ORANGE = "orange", _("橙色告警"), Colour.ORANGE


class AnchorStatus(ChoiceSet):
    """Whether a checkpoint carries a time-stamp token from the TSA yet."""

    PENDING = "pending", _("待锚定"), Colour.YELLOW
    ANCHORED = "anchored", _("已锚定"), Colour.GREEN


class AlertCode(ChoiceSet):
    """What the audit found wrong."""

    ROOT_MISMATCH = "root_mismatch", _("重算根哈希与检查点不符"), Colour.RED
    NODE_MISMATCH = "node_mismatch", _("存储的树节点与检查点不符"), Colour.RED
    RECORD_MISMATCH = "record_mismatch", _("记录字段与存证原文不符"), Colour.RED
    LEAF_MISMATCH = "leaf_mismatch", _("叶子哈希与存证原文不符"), Colour.RED
    SIGNATURE_INVALID = "signature_invalid", _("检查点签名无效"), Colour.RED
    MISSING_ENTRIES = "missing_entries", _("存证记录缺失"), Colour.RED
