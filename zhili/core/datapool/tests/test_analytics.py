"""Every dataset reads as the same typed Ibis table on DuckDB and on PostgreSQL."""

import datetime as dt

import pytest
from django.db import connection

from zhili.core.datapool.analytics import connect, ibis_table, snapshot_dataset, snapshot_from_csv
from zhili.core.datapool.services import ingest_file

from .conftest import PAYMENT_HEADER

ROWS = [["P1", "U1", "2025-05-01", "10.50", "paid", "3"],
        ["P2", "U1", "2025-05-20", "4", "late", ""],
        ["P3", "U2", "2025-06-02", "7.25", "unpaid", "1"]]


@pytest.mark.django_db
def test_a_parquet_snapshot_is_typed_by_the_schema(officer_wang, write_csv, var_dir):
    ingest_file("dummy_wage_payments", write_csv("p.csv", PAYMENT_HEADER, ROWS), actor=officer_wang)

    path = snapshot_dataset("dummy_wage_payments")
    table = ibis_table("dummy_wage_payments", "duckdb")

    assert path == var_dir / "datapool" / "snapshots" / "dummy_wage_payments.parquet"
    assert dict(table.schema().items())["paid_on"].is_date()
    result = table.group_by("uscc").aggregate(total=table.amount.sum(), n=table.count()).order_by("uscc")
    assert result.to_pyarrow().to_pylist() == [{"uscc": "U1", "total": 14.5, "n": 2},
                                              {"uscc": "U2", "total": 7.25, "n": 1}]
    late = table.filter(table.paid_on >= dt.date(2025, 5, 2)).select("_key", "workers").order_by("_key")
    assert late.to_pyarrow().to_pylist() == [{"_key": "P2", "workers": None}, {"_key": "P3", "workers": 1}]


@pytest.mark.django_db(transaction=True)
def test_postgres_and_duckdb_read_the_same_rows(officer_wang, write_csv, var_dir):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ZHILI_DATABASE_URL)")
    ingest_file("dummy_wage_payments", write_csv("p.csv", PAYMENT_HEADER, ROWS), actor=officer_wang)

    results = {}
    for engine in ("duckdb", "postgres"):
        con = connect(engine)
        table = ibis_table("dummy_wage_payments", engine, con=con)
        query = table.select("_key", "uscc", "paid_on", "amount", "status", "workers").order_by("_key")
        results[engine] = query.to_pyarrow().to_pylist()
        con.disconnect()

    assert results["postgres"] == results["duckdb"]
    assert results["duckdb"][0] == {"_key": "P1", "uscc": "U1", "paid_on": dt.date(2025, 5, 1), "amount": 10.5,
                                    "status": "paid", "workers": 3}


@pytest.mark.django_db
def test_a_department_file_goes_straight_to_the_same_snapshot(officer_wang, write_csv, var_dir, tmp_path):
    source = write_csv("p.csv", PAYMENT_HEADER, ROWS)
    ingest_file("dummy_wage_payments", source, actor=officer_wang)
    stored = snapshot_dataset("dummy_wage_payments")

    direct = snapshot_from_csv("dummy_wage_payments", source, tmp_path / "direct.parquet")

    con = connect("duckdb")
    columns = ["_key", "uscc", "paid_on", "amount", "status", "workers"]
    via_rows = con.read_parquet(str(stored)).select(*columns).order_by("_key").to_pyarrow()
    via_file = con.read_parquet(str(direct)).select(*columns).order_by("_key").to_pyarrow()
    assert via_file.schema == via_rows.schema
    assert via_file.to_pylist() == via_rows.to_pylist()


@pytest.mark.django_db
def test_a_department_file_with_a_bad_value_writes_no_snapshot(write_csv, tmp_path):
    import duckdb

    source = write_csv("p.csv", PAYMENT_HEADER, [*ROWS, ["P4", "U3", "2025-13-40", "1", "paid", "1"]])
    target = tmp_path / "bad.parquet"

    with pytest.raises(duckdb.Error, match="2025-13-40"):
        snapshot_from_csv("dummy_wage_payments", source, target)
    assert not target.exists()
