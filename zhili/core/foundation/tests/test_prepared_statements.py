"""On PostgreSQL a statement run again and again on a connection is prepared: planned once, not every time."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from zhili.core.foundation import audit
from zhili.core.foundation.models import AuditEntry


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_a_hot_read_is_prepared_after_five_runs_and_gives_the_same_answer():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (psycopg's server-side binding)")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5
    audit.record("test.prepared", actor=None, data={"n": 1})

    counts = [AuditEntry.objects.filter(action="test.prepared").count() for _ in range(7)]

    assert counts == [1] * 7
    table = f'"{AuditEntry._meta.db_table}"'
    assert any(table in statement and "COUNT(" in statement for statement in prepared_statements())


@pytest.mark.parametrize(("url", "flag", "options"), [
    ("postgresql://postgres@127.0.0.1:5432/zhili", None, {"server_side_binding": True, "prepare_threshold": 5}),
    ("postgresql://postgres@127.0.0.1:5432/zhili", "0", {}),  # behind a pooler that cannot keep them
    ("postgresql://postgres@127.0.0.1:5432/zhili?sslmode=prefer", None,  # the URL's own options are kept
     {"sslmode": "prefer", "server_side_binding": True, "prepare_threshold": 5}),
    ("sqlite:////tmp/zhili-settings-check.sqlite3", None, None),
])
def test_the_setting_follows_the_database_and_can_be_switched_off(url, flag, options):
    env = {**os.environ, "ZHILI_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "zhili.settings"}
    env.pop("ZHILI_DATABASE_PREPARED_STATEMENTS", None)
    if flag is not None:
        env["ZHILI_DATABASE_PREPARED_STATEMENTS"] = flag
    shown = subprocess.run(
        [sys.executable, "-c", "import json; from zhili import settings; "
                               "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"],
        env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR).stdout
    found = json.loads(shown)
    if options is None:
        assert "server_side_binding" not in found and "prepare_threshold" not in found
    else:
        assert found == options
