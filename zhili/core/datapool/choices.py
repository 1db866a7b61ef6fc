"""Choices of the data pool: field types, update modes, batch states and sources."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import ChoiceSet, Colour


class FieldType(ChoiceSet):
    """The type of one field of a dataset schema."""

    STRING = "string", _("文本"), Colour.GRAY
    INTEGER = "integer", _("整数"), Colour.BLUE
    DECIMAL = "decimal", _("小数"), Colour.BLUE
    DATE = "date", _("日期"), Colour.GREEN
    DATETIME = "datetime", _("日期时间"), Colour.GREEN
    BOOLEAN = "boolean", _("是否"), Colour.YELLOW


class UpdateMode(ChoiceSet):
    """How a batch changes the stored rows: replace them all, or upsert by key."""

    FULL = "full", _("全量快照"), Colour.ORANGE
    INCREMENTAL = "incremental", _("增量更新"), Colour.BLUE


class BatchStatus(ChoiceSet):
    """Where a batch stands; a failed batch changed nothing."""

    RUNNING = "running", _("导入中"), Colour.BLUE
    SUCCEEDED = "succeeded", _("已完成"), Colour.GREEN
    FAILED = "failed", _("整批失败"), Colour.RED


class SourceKind(ChoiceSet):
    """Where a batch came from."""

    UPLOAD = "upload", _("页面上传"), Colour.BLUE
    COMMAND = "command", _("命令导入"), Colour.GRAY
    API = "api", _("接口推送"), Colour.GREEN
    HTTP_PULL = "http_pull", _("接口拉取"), Colour.YELLOW
