"""A dataset's values as people read them (source rows behind a warning)."""

import datetime as dt
import re

from django.utils import translation

from zhili.core.datapool.api import Field, datasets


def test_codes_show_their_labels_and_other_values_read_plainly():
    status = Field("status", "发放状态", choices=("paid", "unpaid"), labels=(("paid", "按时发放"), ("unpaid", "未发放")))
    assert [status.display(v) for v in ("unpaid", "paid", "other", None, "")] == ["未发放", "按时发放", "other", "—", "—"]
    plain = Field("x", "x")
    assert [plain.display(v) for v in (True, False, 2.0, 1234.5678, dt.date(2026, 1, 31), 7)] == [
        "是", "否", "2", "1,234.57", "2026-01-31", "7"]


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_declared_dataset_reads_in_english():
    """A dataset's name, source, department, description, field labels and code labels are marked for translation
    where the scene declares them (lazy), so pages draw them in the person's language; in English none is Chinese."""
    untranslated = []
    with translation.override("en"):
        for code, dataset in datasets.items():
            if dataset.scene == "dummy":  # the tests' own scene
                continue
            words = [dataset.name, dataset.source_system, dataset.department, dataset.description]
            words += [word for f in dataset.fields for word in (f.label, *(label for _code, label in f.labels))]
            untranslated += [f"{code}: {word}" for word in map(str, words) if CJK.search(word)]
        assert Field("x", "x").display(True) == "Yes"
    assert len(datasets.items()) > 20 and not untranslated, untranslated[:20]
