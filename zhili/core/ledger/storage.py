"""Write many rows fast: COPY on PostgreSQL for a batch, one INSERT with many parameter sets otherwise.

Appends are the ledger's hot path (thousands a second); the ORM's per-object work would cost more than the
database does, so the rows go in as plain tuples of already-validated values. A small append on PostgreSQL
(one contract's evidence record) writes its entries, its nodes, its audit entry and the new head in one
statement (``append_small``), so it costs two round trips with the head lock, not six.
"""

from collections.abc import Sequence

from django.db import connection, models

from zhili.core.foundation.models import placeholders

COPY_THRESHOLD = 32  # below this, COPY's extra round trips cost more than the rows


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: list[tuple], *, adapt: bool = True) -> None:
    """Insert ``rows`` (values in the order of ``columns``, field names) into ``model``'s table; with ``adapt``
    false the values are already as the database takes them (``foundation.models.insert_values``)."""
    if not rows:
        return
    table, names, adapters = _target(model, columns, adapt)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= COPY_THRESHOLD:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES {placeholders(len(adapters))}",
                           _adapted(adapters, rows))


def locked_row(model: type[models.Model], pk, columns: Sequence[str]) -> tuple | None:
    """The values of ``columns`` (field names) of one row, locked until the transaction ends where the database
    has row locks (``SELECT ... FOR UPDATE``; SQLite's single writer needs none); ``None`` if there is no row."""
    meta = model._meta
    quote = connection.ops.quote_name
    names = ", ".join(quote(meta.get_field(name).column) for name in columns)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s{lock}", [pk])
        return cursor.fetchone()


def append_small(inserts: Sequence[tuple[type[models.Model], Sequence[str], list[tuple]]],
                 update: tuple[type[models.Model], object, dict],
                 prepared: Sequence[tuple[type[models.Model], Sequence[str], list[tuple]]] = ()) -> None:
    """Insert each ``(model, columns, rows)`` of ``inserts``, then set ``update`` = ``(model, pk, {field: value})``.

    ``prepared`` batches are inserted too, their values already as the database takes them (e.g. an audit
    entry's, from ``foundation.models.insert_values``), so they are not adapted again.

    On PostgreSQL, when every batch is below ``COPY_THRESHOLD``, this is one statement (the inserts as
    data-modifying WITH clauses of the UPDATE, which PostgreSQL runs to completion, all or nothing with the
    statement); otherwise, and on SQLite (in-process, no round trip to save), one statement per batch and one
    for the update."""
    model, pk, values = update
    meta, quote = model._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in values]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    update_sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    update_params = [_adapter(field)(value) if _adapter(field) else value
                     for field, value in zip(fields, values.values(), strict=True)] + [pk]
    batches = [(*batch, True) for batch in inserts if batch[2]] + [(*batch, False) for batch in prepared if batch[2]]
    if connection.vendor != "postgresql" or any(len(rows) >= COPY_THRESHOLD for _, _, rows, _ in batches):
        for target, columns, rows, adapt in batches:
            insert_rows(target, columns, rows, adapt=adapt)
        with connection.cursor() as cursor:
            cursor.execute(update_sql, update_params)
        return
    clauses, params = [], []
    for number, (target, columns, rows, adapt) in enumerate(batches):
        table, names, adapters = _target(target, columns, adapt)
        row_placeholder = placeholders(len(adapters))
        clauses.append(f"i{number} AS (INSERT INTO {table} ({names}) VALUES "
                       f"{', '.join([row_placeholder] * len(rows))})")
        params.extend(value for row in _adapted(adapters, rows) for value in row)
    with connection.cursor() as cursor:
        cursor.execute(("WITH " + ", ".join(clauses) + " " if clauses else "") + update_sql, params + update_params)


def _target(model: type[models.Model], columns: Sequence[str], adapt: bool = True):
    meta = model._meta
    fields = [meta.get_field(name) for name in columns]
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    return connection.ops.quote_name(meta.db_table), names, [_adapter(field) if adapt else None for field in fields]


def _adapted(adapt: list, rows: list[tuple]) -> list[tuple]:
    return [tuple(a(v) if a else v for a, v in zip(adapt, row, strict=True)) for row in rows]


def _adapter(field: models.Field):
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    return None
