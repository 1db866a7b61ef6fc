"""Reads of the data pool: batches and quality figures per dataset."""

from django.db.models import Max
from django.utils import timezone

from .choices import BatchStatus
from .models import Batch, DatasetRow
from .registry import datasets


def quality(code: str) -> dict:
    """Completeness (share of non-empty values per field) and freshness against the declared expectation."""
    dataset = datasets[code]
    rows = DatasetRow.objects.filter(dataset_code=code)
    total = rows.count()
    completeness = {}
    for spec in dataset.fields:
        filled = rows.exclude(**{f"data__{spec.name}": None}).count() if total else 0
        completeness[spec.name] = round(filled / total, 4) if total else None
    last = Batch.objects.filter(dataset_code=code, status=BatchStatus.SUCCEEDED).aggregate(at=Max("finished_at"))["at"]
    age = timezone.now() - last if last else None
    return {"dataset": dataset, "rows": total, "completeness": completeness, "last_loaded_at": last, "age": age,
            "fresh": age is not None and age <= dataset.freshness}
