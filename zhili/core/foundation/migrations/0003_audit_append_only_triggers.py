"""Database triggers that refuse UPDATE and DELETE on the audit log, on SQLite and PostgreSQL.

Only a connection opened with the purge switch on (the test suite's, to empty tables between tests)
gets past them: ``zhili.audit_purge`` on PostgreSQL, the ``zhili_audit_locked()`` function on SQLite.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS foundation_auditentry_no_update BEFORE UPDATE ON foundation_auditentry
       WHEN zhili_audit_locked() BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS foundation_auditentry_no_delete BEFORE DELETE ON foundation_auditentry
       WHEN zhili_audit_locked() BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS foundation_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS foundation_auditentry_no_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION foundation_auditentry_refuse() RETURNS trigger AS $$
       BEGIN
         IF coalesce(current_setting('zhili.audit_purge', true), '') = 'on' THEN
           RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
         END IF;
         RAISE EXCEPTION 'audit log is append-only';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER foundation_auditentry_append_only BEFORE UPDATE OR DELETE ON foundation_auditentry
       FOR EACH ROW EXECUTE FUNCTION foundation_auditentry_refuse();""",
    """CREATE TRIGGER foundation_auditentry_no_truncate BEFORE TRUNCATE ON foundation_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION foundation_auditentry_refuse();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS foundation_auditentry_append_only ON foundation_auditentry;",
    "DROP TRIGGER IF EXISTS foundation_auditentry_no_truncate ON foundation_auditentry;",
    "DROP FUNCTION IF EXISTS foundation_auditentry_refuse();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("foundation", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
