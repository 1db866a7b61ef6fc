import csv
import datetime as dt

import pytest

PERIOD_END = dt.date(2025, 6, 30)
EXPECTED_LEVELS = {"U_BLUE": "blue", "U_GREEN": "none", "U_ORANGE": "orange", "U_RED": "red", "U_YELLOW": "yellow"}


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def wage_data(tmp_path, var_dir):
    """Five employers whose June 2025 data should give each level once; returns a loader."""
    payments = [
        # U_GREEN: paid on time in May and June
        ["G1", "U_GREEN", "2025-05-10", "1000", "paid"], ["G2", "U_GREEN", "2025-06-10", "1000", "paid"],
        ["G3", "U_GREEN", "2025-06-12", "1200", "paid"],
        # U_BLUE: its only June payment is late (share 1.0 > 0.5); payroll fell from 1000 to 100
        ["B1", "U_BLUE", "2025-05-15", "1000", "paid"], ["B2", "U_BLUE", "2025-06-15", "100", "late"],
        # U_ORANGE: two of three June payments late
        ["O1", "U_ORANGE", "2025-06-05", "500", "late"], ["O2", "U_ORANGE", "2025-06-06", "500", "late"],
        ["O3", "U_ORANGE", "2025-06-07", "500", "paid"], ["O4", "U_ORANGE", "2025-04-01", "500", "late"],
        # U_RED: one unpaid payment: the veto forces red whatever the score
        ["R1", "U_RED", "2025-06-01", "900", "unpaid"], ["R2", "U_RED", "2025-06-02", "900", "paid"],
        ["R3", "U_RED", "2025-06-03", "900", "paid"], ["R4", "U_RED", "2025-06-04", "900", "paid"],
        # U_YELLOW: pays on time but had a wage complaint (see below)
        ["Y1", "U_YELLOW", "2025-06-20", "300", "paid"], ["Y2", "U_YELLOW", "2025-07-02", "300", "late"],
        ["Y3", "U_YELLOW", "2025-07-03", "300", "late"],
    ]
    complaints = [["C1", "U_YELLOW", "2025-04-15", "wage"], ["C2", "U_GREEN", "2025-06-01", "contract"],
                  ["C3", "U_GREEN", "2025-01-01", "wage"]]

    def load(actor):
        from zhili.core.datapool.services import ingest_file

        ingest_file("dummy_wage_payments", _write(tmp_path / "payments.csv",
                                                  ["payment_id", "uscc", "paid_on", "amount", "status"], payments),
                    actor=actor)
        ingest_file("dummy_complaints", _write(tmp_path / "complaints.csv",
                                               ["complaint_id", "uscc", "received_on", "kind"], complaints),
                    actor=actor)

    return load
