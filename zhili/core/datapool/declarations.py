"""What a scene declares in its ``datasets.py``: ``DATASETS = [Dataset(code=..., ...)]``.

The words people read (a dataset's name, source system, department and description, a field's label and its code
labels) are marked for translation where they are declared (``name=_("劳动用工备案")`` with ``gettext_lazy``), so
a page shows them in the person's language when it draws them; a test checks every declared dataset.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation import gettext

from zhili.core.foundation.formats import plain_number

from .choices import FieldType, UpdateMode


@dataclass(frozen=True)
class Field:
    """One column of a dataset: its type and the rules every value must keep."""

    name: str
    label: str
    type: str = FieldType.STRING
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    labels: tuple[tuple[str, str], ...] = ()  # (code, label) of coded values, shown to people instead of the code

    def display(self, value) -> str:
        """A value as people read it: the label of a code, 是/否, a number without float noise, — for nothing."""
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return gettext("是") if value else gettext("否")
        if self.labels:
            return str(dict(self.labels).get(str(value), value))
        if isinstance(value, float):
            return plain_number(value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value)


@dataclass(frozen=True)
class Dataset:
    """A dataset gathered from a department's system (数据归集).

    ``key`` names the fields whose values identify a row; a new batch updates rows with the same key.
    ``max_bad_ratio`` is the share of bad rows above which the whole batch fails and changes nothing.
    ``freshness`` is how often new data is expected; the quality page compares the last load with it.
    """

    code: str
    name: str
    source_system: str
    department: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    update_mode: str = UpdateMode.INCREMENTAL
    freshness: timedelta = timedelta(days=1)
    max_bad_ratio: float = 0.1
    description: str = ""
    scene: str = ""
    field_map: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "field_map", {f.name: f for f in self.fields})
        missing = [k for k in self.key if k not in self.field_map]
        if missing:
            raise ValueError(f"dataset {self.code!r}: key fields {missing} are not declared")
        for name in self.key:
            if not self.field_map[name].required:
                raise ValueError(f"dataset {self.code!r}: key field {name!r} must be required")

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def row_key(self, values: dict) -> str:
        """The text key of a validated row: key values joined by a unit separator."""
        return "\x1f".join(str(values[name]) for name in self.key)
