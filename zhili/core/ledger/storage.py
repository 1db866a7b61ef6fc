"""Write many rows fast: COPY on PostgreSQL for a batch, one INSERT with many parameter sets otherwise.

Appends are the ledger's hot path (thousands a second); the ORM's per-object work would cost more than the
database does, so the rows go in as plain tuples of already-validated values.
"""

from collections.abc import Sequence

from django.db import connection, models

COPY_THRESHOLD = 32  # below this, COPY's extra round trips cost more than the rows


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert ``rows`` (values in the order of ``columns``, field names) into ``model``'s table."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in columns]
    table = connection.ops.quote_name(meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_THRESHOLD:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        adapt = [_adapter(field) for field in fields]
        placeholders = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
            [tuple(a(v) if a else v for a, v in zip(adapt, row, strict=True)) for row in rows],
        )


def _adapter(field: models.Field):
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    return None
