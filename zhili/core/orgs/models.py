"""Regions, industries and organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import TimeStampedModel
from zhili.core.foundation.validators import validate_region_code, validate_uscc

from .choices import EnterpriseSize, OrganizationKind, OrganizationStatus, RegionLevel


class Region(TimeStampedModel):
    """An administrative division by GB/T 2260 (6 digits) or its town/village extension (12 digits)."""

    code = models.CharField(_("区划代码"), max_length=12, unique=True, validators=[validate_region_code])
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("级别"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    path = models.CharField(_("路径"), max_length=200, db_index=True,
                            help_text=_("从省到本级的代码，以 / 分隔，便于按辖区查询"))

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}{self.code}/" if self.parent_id else f"/{self.code}/"
        super().save(*args, **kwargs)

    def contains(self, other: "Region | None") -> bool:
        return other is not None and other.path.startswith(self.path)


class Industry(TimeStampedModel):
    """An industry by GB/T 4754-2017: sections (门类, a letter) and divisions (大类, two digits)."""

    code = models.CharField(_("行业代码"), max_length=5, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    parent = models.ForeignKey("self", verbose_name=_("门类"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta:
        verbose_name = _("行业")
        verbose_name_plural = _("行业")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Organization(TimeStampedModel):
    """An enterprise, a government department or a bank that takes part in a scene."""

    kind = models.CharField(_("类型"), max_length=16, choices=OrganizationKind.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True,
                            validators=[validate_uscc])
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=255, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="organizations")
    industry = models.ForeignKey(Industry, verbose_name=_("行业"), null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="organizations")
    size = models.CharField(_("规模"), max_length=16, choices=EnterpriseSize.choices, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=OrganizationStatus.choices,
                              default=OrganizationStatus.ACTIVE)
    parent = models.ForeignKey("self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    is_dispatch_agency = models.BooleanField(_("劳务派遣单位"), default=False)

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="enterprise") | models.Q(uscc__isnull=False),
                name="enterprise_has_uscc",
            ),
        ]

    def __str__(self):
        return self.name
