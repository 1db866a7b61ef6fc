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
    quote = connection.ops.quote_name
    sql = (f"{connection.ops.insert_statement()} {quote(meta.db_table)} "
           f"({', '.join(quote(field.column) for field in fields)}) VALUES ({', '.join(['%s'] * len(fields))})")
    returning_params: tuple = ()
    if returning:
        returning_sql, returning_params = connection.ops.return_insert_columns(returning)
        sql = f"{sql} {returning_sql}"
    return sql, fields, returning, tuple(returning_params)


def insert_instance(instance: _Instance, *, using: str | None = None) -> _Instance:
    """Insert the new ``instance`` as ``save(force_insert=True)`` does, with a statement built once per model and
    database, and return it with its primary key (and any other value the database returns) set.

    Each field's ``pre_save(instance, add=True)`` and ``get_db_prep_save`` run in field order, as in save(), so
    timestamps and encrypted personal data are stored the same. It only ever inserts: an instance already saved
    or loaded is refused (ValueError), and an explicit primary key is inserted, never looked up. No pre_save or
    post_save signal is sent, so a model with a receiver connected for either is refused at call time, as is a
    model it cannot insert exactly as save() does (TypeError, see ``_insert_plan``) or a value that is an
    expression (TypeError).
    """
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
    sql, fields, returning, returning_params = _insert_plan(model, alias, getattr(instance, pk.attname) is not None)
    params = []
    for field in fields:
        value = field.pre_save(instance, True)
        if hasattr(value, "resolve_expression"):
            raise TypeError(f"insert_instance takes no expression as a value ({model.__name__}.{field.name})")
        params.append(field.get_db_prep_save(value, connection))
    params += returning_params
    with transaction.mark_for_rollback_on_error(using=alias), connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            row = connection.ops.fetch_returned_insert_columns(cursor, returning_params)
    if returning:
        for field, value in zip(returning, converted_row(connection, returning, row), strict=True):
            setattr(instance, field.attname, value)
    instance._state.db = alias
    instance._state.adding = False
    return instance


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
