"""Helpers the services share: decimals, the evidence digest, bulk audit entries."""

import hashlib
import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhili.core.foundation.api import AuditEntry, audit

TWO = Decimal("0.01")


def decimal_field(value, field: str, *, positive: bool = True) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(TWO, ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("须为数字")}, code="invalid") from None
    if positive and number <= 0:
        raise ValidationError({field: _("须大于 0")}, code="not_positive")
    return number


def digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def audit_many(action: str, targets, *, actor, data_for=None) -> None:
    """One audit entry per target, inserted in one statement (a round's thousands of decisions)."""
    AuditEntry.objects.bulk_create(
        [audit.prepare(action, actor=actor, target=t, data=data_for(t) if data_for else None) for t in targets],
        batch_size=2000)


def insert_rows(model, names: list[str], rows, *, batch: int = 5000) -> int:
    """Insert ``rows`` (tuples in the order of the field ``names``) in one hand-written statement per batch: the
    pre-verification of a county writes 200,000 rows, where ``bulk_create``'s per-value preparation dominates.

    Values must already be what the driver takes for the column, except JSON and date-time fields, whose values
    are prepared by their field here once per distinct value (the reasons lists and the timestamp repeat)."""
    from django.db import connection

    from zhili.core.foundation.api import quoted_column, quoted_table

    fields = [model._meta.get_field(name) for name in names]
    json_positions = [i for i, field in enumerate(fields)
                      if field.get_internal_type() in ("JSONField", "DateTimeField")]
    prepared: dict = {}
    statement = "INSERT INTO {table} ({columns}) VALUES ({marks})".format(
        table=quoted_table(model), columns=", ".join(quoted_column(model, name) for name in names),
        marks=", ".join(["%s"] * len(names)))
    count = 0
    buffer = []
    with connection.cursor() as cursor:
        for row in rows:
            if json_positions:
                row = list(row)
                for i in json_positions:
                    value = row[i]
                    key = (i, tuple(value) if isinstance(value, list) else value)
                    if key not in prepared:
                        prepared[key] = fields[i].get_db_prep_save(value, connection)
                    row[i] = prepared[key]
            buffer.append(row)
            if len(buffer) == batch:
                cursor.executemany(statement, buffer)
                count += len(buffer)
                buffer = []
        if buffer:
            cursor.executemany(statement, buffer)
            count += len(buffer)
    return count


def update_rows(model, names: list[str], rows) -> int:
    """Set the field ``names`` of many rows, each to its own values, in one prepared statement run over all of them
    (``rows``: tuples of the values in the order of ``names``, then the primary key): an audit writes 50,000 claims'
    own decision digests, which one ``update()`` per claim would cost 50,000 ORM round trips. Values are prepared
    by their field once per distinct value, as in ``insert_rows``."""
    from django.db import connection

    from zhili.core.foundation.api import quoted_column, quoted_table

    fields = [model._meta.get_field(name) for name in names]
    prepared: dict = {}
    statement = "UPDATE {table} SET {assignments} WHERE {pk} = %s".format(
        table=quoted_table(model), assignments=", ".join(f"{quoted_column(model, name)} = %s" for name in names),
        pk=quoted_column(model, model._meta.pk.name))

    def adapted(row):
        values = []
        for field, value in zip(fields, row[:-1], strict=True):
            key = (field.name, tuple(value) if isinstance(value, list) else value)
            if key not in prepared:
                prepared[key] = field.get_db_prep_save(value, connection)
            values.append(prepared[key])
        return [*values, row[-1]]

    rows = [adapted(row) for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(statement, rows[start:start + 5000])
    return len(rows)
