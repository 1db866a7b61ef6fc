import csv

import pytest


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def write_csv(tmp_path):
    """Write rows (a header then lists of cells) to a UTF-8 CSV file and return its path."""

    def write(name, header, rows):
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


PAYMENT_HEADER = ["payment_id", "uscc", "paid_on", "amount", "status", "workers"]


def payment_rows(count, *, start=0, uscc="91330100MA2B000001"):
    return [[f"P{i:06d}", uscc, "2025-05-10", f"{1000 + i}.50", "paid", str(i % 30)] for i in range(start,
                                                                                              start + count)]
