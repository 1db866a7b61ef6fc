"""The upload page, the error report download, the quality page, the command, the API and HTTP pulls."""

import http.server
import io
import threading

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from zhili.core.datapool.models import Batch, DatasetRow
from zhili.core.datapool.services import pull_from_url

from .conftest import PAYMENT_HEADER, payment_rows

pytestmark = pytest.mark.django_db


def _csv_bytes(rows):
    return ("\n".join(",".join(r) for r in [PAYMENT_HEADER, *rows]) + "\n").encode("utf-8")


def test_an_officer_uploads_a_file_and_downloads_the_error_report(client, officer_wang):
    rows = payment_rows(20)
    rows[4][2] = "明天"
    upload = io.BytesIO(_csv_bytes(rows))
    upload.name = "payments.csv"
    client.force_login(officer_wang)

    response = client.post("/datapool/", {"dataset_code": "dummy_wage_payments", "file": upload})
    batch = Batch.objects.get()
    report = client.get(f"/datapool/batches/{batch.pk}/errors.xlsx")
    quality = client.get("/datapool/quality/")

    assert response.status_code == 302
    assert (batch.rows_accepted, batch.rows_rejected) == (19, 1)
    sheet = load_workbook(io.BytesIO(report.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [["行号", "字段", "规则", "值"],
                                                                      [6, "paid_on", "应为日期（YYYY-MM-DD）", "明天"]]
    assert "按时更新" in quality.content.decode()


def test_the_command_loads_a_file(write_csv):
    path = write_csv("p.csv", PAYMENT_HEADER, payment_rows(3))
    out = io.StringIO()

    call_command("ingest", "dummy_wage_payments", str(path), stdout=out)

    assert out.getvalue().startswith("batch ")
    assert DatasetRow.objects.count() == 3


def test_a_department_system_posts_a_file_to_the_api(client, officer_wang):
    client.force_login(officer_wang)
    upload = io.BytesIO(_csv_bytes(payment_rows(4)))
    upload.name = "p.csv"

    response = client.post("/api/v1/datapool/datasets/dummy_wage_payments/batches", {"file": upload})

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["rows_accepted"]) == ("succeeded", 4)


def test_a_pull_from_a_department_http_api_is_loaded(officer_wang):
    body = _csv_bytes(payment_rows(5))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/csv; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/export"
        batch = pull_from_url("dummy_wage_payments", url, actor=officer_wang)
    finally:
        server.shutdown()

    assert (batch.status, batch.source_kind, batch.source_name, batch.rows_accepted) == (
        "succeeded", "http_pull", url, 5)


def test_a_batch_someone_may_not_see_looks_missing_and_reports_carry_no_formula(client, officer_wang, worker_zhang):
    rows = payment_rows(3)
    rows[1][2] = "=HYPERLINK(\"http://evil.example\")"
    upload = io.BytesIO(_csv_bytes(rows))
    upload.name = "payments.csv"
    client.force_login(officer_wang)
    client.post("/datapool/", {"dataset_code": "dummy_wage_payments", "file": upload})
    batch = Batch.objects.get()
    report = client.get(f"/datapool/batches/{batch.pk}/errors.csv").content.decode("utf-8-sig")
    assert report.splitlines()[1] == '3,paid_on,应为日期（YYYY-MM-DD）,"\'=HYPERLINK(""http://evil.example"")"'

    client.force_login(worker_zhang)
    pages = [client.get(f"/datapool/batches/{pk}/").status_code for pk in (batch.pk, batch.pk + 1000)]
    api = [client.get(f"/api/v1/datapool/batches/{pk}").status_code for pk in (batch.pk, batch.pk + 1000)]
    assert pages == api == [404, 404]
