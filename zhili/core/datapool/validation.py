"""Check one row against a dataset's schema: coerce each value to its type, or name the broken rule."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from .choices import FieldType
from .declarations import Dataset, Field

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "是", "t"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "否", "f"})


class RowInvalid(Exception):
    """A value broke a rule: ``field`` and ``rule`` name them in Chinese for the error report."""

    def __init__(self, field: str, rule: str, value=""):
        super().__init__(f"{field}: {rule}")
        self.field = field
        self.rule = rule
        self.value = "" if value is None else str(value)[:200]


class BatchInvalid(Exception):
    """The batch as a whole cannot be loaded (missing column, unreadable file, too many bad rows)."""


def _integer(raw):
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw != int(raw):
            raise ValueError
        return int(raw)
    return int(str(raw).strip().replace(",", ""))


def _decimal(raw):
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        raw = repr(raw)
    value = Decimal(str(raw).strip().replace(",", ""))
    if not value.is_finite():
        raise ValueError
    return str(value)


def _date(raw):
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip().replace("/", "-")
    return dt.date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text).isoformat()


def _datetime(raw):
    if isinstance(raw, dt.datetime):
        return raw.isoformat()
    return dt.datetime.fromisoformat(str(raw).strip()).isoformat()


def _boolean(raw):
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError


def _string(raw):
    return raw if isinstance(raw, str) else str(raw)


CONVERTERS: dict[str, tuple[Callable, str]] = {
    FieldType.STRING: (_string, "文本"),
    FieldType.INTEGER: (_integer, "应为整数"),
    FieldType.DECIMAL: (_decimal, "应为数字"),
    FieldType.DATE: (_date, "应为日期（YYYY-MM-DD）"),
    FieldType.DATETIME: (_datetime, "应为日期时间（ISO 8601）"),
    FieldType.BOOLEAN: (_boolean, "应为是/否"),
}


def _field_checker(spec: Field) -> Callable:
    convert, type_rule = CONVERTERS[spec.type]
    allowed = frozenset(spec.choices)
    allowed_text = "、".join(spec.choices)
    name, required, max_length = spec.name, spec.required, spec.max_length

    def check(raw):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                raise RowInvalid(name, "必填", "")
            return None
        if isinstance(raw, str):
            raw = raw.strip()
        try:
            value = convert(raw)
        except (ValueError, TypeError, InvalidOperation, OverflowError):
            raise RowInvalid(name, type_rule, raw) from None
        if max_length is not None and isinstance(value, str) and len(value) > max_length:
            raise RowInvalid(name, f"长度不得超过 {max_length} 个字符", raw)
        if allowed and value not in allowed:
            raise RowInvalid(name, f"取值应为：{allowed_text}", raw)
        return value

    return check


class RowValidator:
    """Validate rows of one dataset; built once per batch so that each row costs only its checks."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.checks = [(f.name, _field_checker(f)) for f in dataset.fields]
        self.key_fields = dataset.key

    def check_columns(self, columns) -> None:
        """Refuse the whole batch if a required column is missing from the header."""
        present = set(columns)
        missing = [f.name for f in self.dataset.fields if f.required and f.name not in present]
        if missing:
            raise BatchInvalid("缺少必填列：{columns}".format(columns="、".join(missing)))

    def validate(self, row: dict) -> tuple[str, dict, list[RowInvalid]]:
        """Return the row's key, its typed values and every rule it broke (empty if valid)."""
        values = {}
        problems = []
        get = row.get
        for name, check in self.checks:
            try:
                values[name] = check(get(name))
            except RowInvalid as problem:
                problems.append(problem)
        if problems:
            return "", values, problems
        key = "\x1f".join(str(values[name]) for name in self.key_fields)
        return key, values, problems
