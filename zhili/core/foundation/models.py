"""Base models and the append-only audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def loaded_instance(model, db: str, **values):
    """An instance of ``model`` as the ORM makes it from a row that holds only ``values`` (attribute name →
    value from the database); every other field is deferred and loads on first access. For hot paths that read
    a row with a hand-written statement. ``Model.from_db`` wants the values in the model's field order, whatever
    order the names come in; this puts them in that order."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    if len(names) != len(values):
        raise TypeError(f"{model.__name__} has no field {sorted(set(values) - set(names))}")
    return model.from_db(db, names, [values[name] for name in names])


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
