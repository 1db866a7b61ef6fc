"""Base models and the append-only audit log."""

import weakref
from functools import cache
from typing import TypeVar

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import signals
from django.utils.translation import gettext_lazy as _

_Instance = TypeVar("_Instance", bound=models.Model)


def loaded_instance(model, db: str, **values):
    """An instance of ``model`` as the ORM makes it from a row that holds only ``values`` (attribute name →
    value as the database driver gave it, converted here as the ORM converts it: JSON text decoded, SQLite's
    integers made booleans, encrypted columns decrypted); every other field is deferred and loads on first
    access. For hot paths that read a row with a hand-written statement. ``Model.from_db`` wants the values in
    the model's field order, whatever order the names come in; this puts them in that order."""
    fields = tuple(field for field in model._meta.concrete_fields if field.attname in values)
    if len(fields) != len(values):
        names = {field.attname for field in fields}
        raise TypeError(f"{model.__name__} has no field {sorted(set(values) - names)}")
    return model.from_db(db, [field.attname for field in fields],
                         converted_row(connections[db], fields, [values[field.attname] for field in fields]))


def quoted_table(model) -> str:
    """``"table"``: ``model``'s table, quoted as SQLite and PostgreSQL both read it, for hand-written statements."""
    return f'"{model._meta.db_table}"'


def quoted_column(model, name: str) -> str:
    """``"column"``: the column of ``model``'s field ``name`` (a field name, or ``pk``), quoted."""
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return f'"{field.column}"'


def columns(model, alias: str, *names: str) -> str:
    """``alias."column", …``: the columns of ``model``'s fields ``names`` (field names, or ``pk``), quoted, for the
    select list of a hand-written statement that reads only some of them."""
    return ", ".join(f"{alias}.{quoted_column(model, name)}" for name in names)


def placeholders(count: int) -> str:
    """``(%s, %s, …)``: the parameter list of an ``IN`` with ``count`` values."""
    return "(" + ", ".join(["%s"] * count) + ")"


@cache
def select_list(model, alias: str) -> str:
    """The columns of every concrete field of ``model``, in field order, as ``alias."column", …``: the start of a
    hand-written SELECT whose rows ``instance_from_row`` turns into instances."""
    return ", ".join(f'{alias}."{field.column}"' for field in model._meta.concrete_fields)


# Per thread's connection (its ``ops``, which the backend's converters are bound to): fields → converters.
_converters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def converted_row(connection, fields, values) -> list:
    """``values`` of the columns of ``fields`` (in that order) as the driver gave them, converted as the ORM
    converts what it reads: the backend's and the field's converters, applied as ``SQLCompiler`` applies them
    (e.g. SQLite's text datetimes become aware datetimes)."""
    by_fields = _converters.get(connection.ops)
    if by_fields is None:
        by_fields = _converters[connection.ops] = {}
    plan = by_fields.get(fields)
    if plan is None:
        plan = by_fields[fields] = []
        for position, field in enumerate(fields):
            column = field.get_col(field.model._meta.db_table)
            functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if functions:
                plan.append((position, column, functions))
    values = list(values)
    for position, column, functions in plan:
        value = values[position]
        for function in functions:
            value = function(value, column, connection)
        values[position] = value
    return values


def instance_from_row(model, connection, row):
    """An instance of ``model`` exactly as the ORM makes it from ``row``: the values of all its concrete fields in
    field order (``select_list``), as the driver gave them."""
    fields = model._meta.concrete_fields
    return model.from_db(connection.alias, [field.attname for field in fields], converted_row(connection, fields, row))


@cache
def _insert_plan(model, alias: str, with_pk: bool) -> tuple[str, tuple, tuple, tuple]:
    """The INSERT … RETURNING statement of ``model`` on ``alias``, the fields whose values it takes in order, the
    fields it returns and the returning clause's own parameters; TypeError for a model that ``insert_instance``
    cannot insert exactly as ``save()`` does."""
    meta = model._meta.concrete_model._meta  # a proxy's rows are its concrete model's, as in save_base()
    connection = connections[alias]
    refusals = []
    if meta.parents:
        refusals.append("multi-table inheritance (save() inserts the parents first)")
    # AuditEntry.save() only refuses to save an entry that has a primary key, i.e. to update one; this never
    # updates (an explicit key already taken fails on the unique key), so skipping that save() loses nothing.
    if model.save not in (models.Model.save, AuditEntry.save) or model.save_base is not models.Model.save_base:
        refusals.append("an overridden save() or save_base(), which would be skipped")
    if meta.order_with_respect_to:
        refusals.append("order_with_respect_to (save() counts the siblings first)")
    if meta.is_composite_pk:
        refusals.append("a composite primary key")
    if not connection.features.can_return_columns_from_insert:
        refusals.append(f"a backend ({connection.vendor}) that cannot return columns from an INSERT")
    fields = tuple(field for field in meta.local_concrete_fields
                   if not field.generated and (with_pk or field is not meta.auto_field))
    if not fields:
        refusals.append("no column to insert")
    # SQLInsertCompiler.field_as_sql writes a plain %s for a value only when the field has no get_placeholder;
    # a database default is sent as an expression (DatabaseDefault), which needs compiling.
    refusals += [f"field {field.name} with get_placeholder()" for field in fields if hasattr(field, "get_placeholder")]
    refusals += [f"field {field.name} with db_default" for field in fields if field.has_db_default()]
    if refusals:
        raise TypeError(f"insert_instance cannot insert {model.__name__}: {'; '.join(refusals)}")
    returning = tuple(meta.db_returning_fields)
    sql = _insert_sql(connection, meta, fields, "VALUES " + placeholders(len(fields)))
    returning_params: tuple = ()
    if returning:
        returning_sql, returning_params = connection.ops.return_insert_columns(returning)
        sql = f"{sql} {returning_sql}"
    return sql, fields, returning, tuple(returning_params)


def _insert_sql(connection, meta, fields, rows: str) -> str:
    """``INSERT INTO "table" ("column", …) rows``: ``rows`` is ``VALUES (…)`` or a ``SELECT``."""
    quote = connection.ops.quote_name
    return (f"{connection.ops.insert_statement()} {quote(meta.db_table)}"
            f" ({', '.join(quote(field.column) for field in fields)}) {rows}")


def target_key(target: models.Model | None) -> tuple[str, str, str]:
    """``(target_type, target_id, target_repr)`` of an audit entry about ``target`` (a stored instance, or None)."""
    if target is None:
        return "", "", ""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk), str(target)[:255]


def _prepared_insert(instance, using: str | None) -> tuple[str, tuple, list]:
    """The alias, ``_insert_plan`` and the value of each of its fields for inserting the new ``instance``: the
    checks of ``insert_instance`` made, a primary key that is set on save set, and each field's
    ``pre_save(instance, add=True)`` and ``get_db_prep_save`` run in field order, as in save()."""
    model = type(instance)
    if signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model):
        raise TypeError(f"insert_instance sends no signals, and {model.__name__} has a pre_save or post_save "
                        "receiver; use save()")
    if not instance._state.adding:
        raise ValueError(f"insert_instance only inserts new instances; this {model.__name__} is already stored")
    instance._prepare_related_fields_for_save(operation_name="save")
    alias = using or router.db_for_write(model, instance=instance)
    connection = connections[alias]
    pk = model._meta.pk
    if getattr(instance, pk.attname) is None:
        setattr(instance, pk.attname, pk.get_pk_value_on_save(instance))
    plan = _insert_plan(model, alias, getattr(instance, pk.attname) is not None)
    _sql, fields, _returning, _returning_params = plan
    values = []
    for field in fields:
        value = field.pre_save(instance, True)
        if hasattr(value, "resolve_expression"):
            raise TypeError(f"insert_instance takes no expression as a value ({model.__name__}.{field.name})")
        values.append(field.get_db_prep_save(value, connection))
    return alias, plan, values


def insert_values(instance: models.Model, *, using: str | None = None) -> tuple[tuple[str, ...], list]:
    """The field names and values ``insert_instance`` would insert for the new ``instance``, prepared for the
    database, for a hand-written statement that inserts the row among other work (e.g. an audit entry in the
    statement of the write it audits). Nothing is inserted, and the instance stays new."""
    _alias, (_sql, fields, _returning, _returning_params), values = _prepared_insert(instance, using)
    return tuple(field.name for field in fields), values


def _insert_select_sql(connection, meta, fields, source: str, expressions: dict | None = None) -> str:
    """``INSERT INTO "table" (…) SELECT %s, … FROM source``: one row per row of ``source`` (a WITH clause of the
    same statement), each field's value a parameter unless ``expressions`` gives SQL for it (by field name)."""
    selected = [(expressions or {}).get(field.name, "%s") for field in fields]
    return _insert_sql(connection, meta, fields, f"SELECT {', '.join(selected)} FROM {source}")


def insert_select(instance: models.Model, source: str, *, using: str | None = None) -> tuple[str, list]:
    """The clause and parameters that insert the new ``instance`` (prepared as ``insert_instance`` prepares it)
    once per row of ``source``, a WITH clause of the same hand-written statement: e.g. an audit entry written
    only if the UPDATE it records changed a row, ``WITH u AS (UPDATE … RETURNING 1) INSERT … SELECT … FROM u``.
    Nothing is inserted here, and the instance stays new."""
    alias, (_sql, fields, _returning, _returning_params), values = _prepared_insert(instance, using)
    return _insert_select_sql(connections[alias], instance._meta.concrete_model._meta, fields, source), values


def _execute_insert(instance, alias: str, plan: tuple, values: list) -> None:
    sql, _fields, returning, returning_params = plan
    connection = connections[alias]
    with transaction.mark_for_rollback_on_error(using=alias), connection.cursor() as cursor:
        cursor.execute(sql, [*values, *returning_params])
        if returning:
            row = connection.ops.fetch_returned_insert_columns(cursor, returning_params)
    if returning:
        _set_returned(instance, connection, returning, row)
    instance._state.db, instance._state.adding = alias, False


def _set_returned(instance, connection, returning: tuple, row) -> None:
    for field, value in zip(returning, converted_row(connection, returning, row), strict=True):
        setattr(instance, field.attname, value)


def insert_instance(instance: _Instance, *, using: str | None = None, audit: "AuditEntry | None" = None) -> _Instance:
    """Insert the new ``instance`` as ``save(force_insert=True)`` does, with a statement built once per model and
    database, and return it with its primary key (and any other value the database returns) set.

    Each field's ``pre_save(instance, add=True)`` and ``get_db_prep_save`` run in field order, as in save(), so
    timestamps and encrypted personal data are stored the same. It only ever inserts: an instance already saved
    or loaded is refused (ValueError), and an explicit primary key is inserted, never looked up. No pre_save or
    post_save signal is sent, so a model with a receiver connected for either is refused at call time, as is a
    model it cannot insert exactly as save() does (TypeError, see ``_insert_plan``) or a value that is an
    expression (TypeError).

    ``audit``, a new entry without a target (``audit.prepare``), is inserted too, with the instance as its
    target, all or nothing: on PostgreSQL in the same statement (``_audited_insert_plan``), elsewhere right
    after the instance. It is stored as ``audit.record(..., target=instance)`` after the insert stores it, and
    comes back with its primary key set.
    """
    if audit is not None and (audit.target_type or audit.target_id or audit.target_repr):
        raise ValueError("insert_instance(audit=...) sets the entry's target itself; prepare it without a target")
    alias, plan, values = _prepared_insert(instance, using)
    if audit is None:
        _execute_insert(instance, alias, plan, values)
        return instance
    if connections[alias].vendor == "postgresql":
        target_type, target_id, target_repr = _target_before_insert(instance)
        if target_repr is not None:
            audit.target_type, audit.target_id, audit.target_repr = target_type, target_id, target_repr
            return _insert_in_one_statement(instance, audit, alias, values)
    # Elsewhere (SQLite: in-process, no round trip to save) one insert after the other, in one transaction.
    with transaction.atomic(using=alias, savepoint=False):
        _execute_insert(instance, alias, plan, values)
        audit.target_type, audit.target_id, audit.target_repr = target_key(instance)
        insert_instance(audit, using=alias)
    return instance


_PK_PROBE = -1  # a primary key no stored row has, to see whether str() shows the key


def _target_before_insert(instance) -> tuple[str, str, str | None]:
    """``target_key(instance)`` of the prepared, not yet inserted ``instance``; ``target_id`` is "" and left to
    the database when it gives the key. ``target_repr`` is None when ``str(instance)`` shows the key the
    database has not given yet, so the row cannot be described before it is inserted, and when the key is
    neither set nor given by the database (an integer ``AutoField``, whose text the statement writes)."""
    meta = instance._meta
    pk = meta.pk.attname
    if getattr(instance, pk) is not None:
        return target_key(instance)
    if meta.pk is not meta.concrete_model._meta.auto_field:
        return "", "", None
    target_type, _target_id, described = target_key(instance)
    setattr(instance, pk, _PK_PROBE)
    try:
        key_shown = str(instance)[:255] != described
    finally:
        setattr(instance, pk, None)
    return target_type, "", None if key_shown else described


def _insert_in_one_statement(instance: _Instance, entry: "AuditEntry", alias: str, values: list) -> _Instance:
    with_pk = getattr(instance, instance._meta.pk.attname) is not None
    sql, returning, audit_returning = _audited_insert_plan(type(instance), alias, with_pk)
    _alias, (_sql, entry_fields, _returning, _params), entry_values = _prepared_insert(entry, alias)
    entry_values = [value for field, value in zip(entry_fields, entry_values, strict=True)
                    if with_pk or field.name != "target_id"]
    connection = connections[alias]
    with transaction.mark_for_rollback_on_error(using=alias), connection.cursor() as cursor:
        cursor.execute(sql, values + entry_values)
        row = cursor.fetchone()
    _set_returned(instance, connection, returning, row[:len(returning)])
    instance._state.db, instance._state.adding = alias, False
    entry.target_id = str(instance.pk)
    _set_returned(entry, connection, audit_returning, row[len(returning):])
    entry._state.db, entry._state.adding = alias, False
    return instance


@cache
def _audited_insert_plan(model, alias: str, with_pk: bool) -> tuple[str, tuple, tuple]:
    """The PostgreSQL statement that inserts a new ``model`` row and the AuditEntry about it, with the fields
    returned for each: ``WITH i AS (INSERT … RETURNING …), a AS (INSERT INTO audit … SELECT … FROM i RETURNING …)
    SELECT … FROM i, a``. PostgreSQL runs both inserts to completion, all or nothing with the statement. Its
    parameters are the row's values, then the entry's; when the database gives the key (``with_pk`` false), the
    entry's ``target_id`` is not a parameter but the key read from ``i``, as text (``str`` of an integer)."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    meta = model._meta.concrete_model._meta
    _sql, fields, returning, returning_params = _insert_plan(model, alias, with_pk)
    _sql, audit_fields, audit_returning, audit_returning_params = _insert_plan(AuditEntry, alias, False)
    if returning_params or audit_returning_params:
        raise TypeError(f"insert_instance(audit=...) cannot insert {model.__name__} on {connection.vendor}: "
                        "its RETURNING clause takes parameters")
    # The row's RETURNING also names its key when the database returns nothing else, so ``a`` reads a row of ``i``.
    selected = returning or (meta.pk,)
    insert_row = (_insert_sql(connection, meta, fields, "VALUES " + placeholders(len(fields)))
                  + f" RETURNING {', '.join(quote(field.column) for field in selected)}")
    key = {} if with_pk else {"target_id": f"CAST(i.{quote(meta.pk.column)} AS varchar)"}
    insert_entry = (_insert_select_sql(connection, AuditEntry._meta, audit_fields, "i", key)
                    + f" RETURNING {', '.join(quote(field.column) for field in audit_returning)}")
    read = [f"i.{quote(field.column)}" for field in returning] + [f"a.{quote(field.column)}" for field in audit_returning]
    sql = f"WITH i AS ({insert_row}), a AS ({insert_entry}) SELECT {', '.join(read)} FROM i CROSS JOIN a"
    return sql, returning, audit_returning


class EqualityIndex(models.Index):
    """An index for equality lookups only (``=``, ``IN``): a hash index on PostgreSQL, a B-tree elsewhere.

    A hash index keeps a 4-byte hash code per row whatever the column holds, so on a long random value (a
    64-character digest) it is a fraction of the B-tree's size, and a table's inserts, each landing on a random
    page of it, find that page in memory far more often. It cannot order or compare ranges, nor be unique.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            using = " USING hash"
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class TimeStampedModel(models.Model):
    """Created and updated timestamps, stored in UTC."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class OrgScopedModel(TimeStampedModel):
    """A record that belongs to one organisation, whose data scope decides who may see it."""

    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所属组织"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset with no bulk update or delete."""

    def update(self, **kwargs):
        raise PermissionError("审计日志只可追加，不可修改")

    def delete(self):
        raise PermissionError("审计日志只可追加，不可删除")


class AuditEntry(models.Model):
    """One audited action: who did what to which object, with what data, from where and when.

    Entries are only ever inserted. The model refuses updates and deletes, and database triggers
    (see migration 0002) refuse them too, so that not even raw SQL rewrites history.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", db_constraint=False,
    )
    actor_label = models.CharField(_("操作人标识"), max_length=200, blank=True)
    action = models.CharField(_("动作"), max_length=120, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=120, blank=True, db_index=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("对象"), max_length=255, blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计日志只可追加，不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计日志只可追加，不可删除")
