"""Load a directory of department files: the region code list, then each dataset, then the register."""

from pathlib import Path

from zhili.core.datapool.api import ingest_file
from zhili.core.orgs.api import INDUSTRIES_CSV, import_industries, import_regions, read_csv

from .datasets import DATASETS
from .services import sync_enterprises


def load_directory(folder: Path, *, actor) -> dict:
    """Import ``regions.csv`` (if present) and every ``<dataset>.csv``; then sync the monitored enterprises."""
    system_actor = None if isinstance(actor, str) else actor
    regions = folder / "regions.csv"
    if regions.exists():
        import_regions(read_csv(regions), actor=system_actor, source=str(regions))
    import_industries(read_csv(INDUSTRIES_CSV), actor=system_actor, source=str(INDUSTRIES_CSV))
    loaded, failed, empty = {}, [], []
    for dataset in DATASETS:
        path = folder / f"{dataset.code}.csv"
        if not path.exists():
            continue
        if _has_no_rows(path):
            empty.append(dataset.code)  # a department with nothing to report this period
            continue
        batch = ingest_file(dataset.code, path, actor=actor, chunk_rows=50000)
        loaded[dataset.code] = batch.rows_accepted
        if batch.status != "succeeded":
            failed.append(dataset.code)
    synced = sync_enterprises(actor=actor) if "lr_enterprises" in loaded else {}
    return {"loaded": loaded, "failed": failed, "empty": empty, "enterprises": synced}


def _has_no_rows(path: Path) -> bool:
    with open(path, encoding="utf-8-sig") as handle:
        handle.readline()
        return not handle.readline().strip()
