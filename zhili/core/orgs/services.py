"""Every change to regions, industries and organisations."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation import audit, events
from zhili.core.foundation.validators import validate_uscc

from . import loaders
from .choices import EnterpriseSize, OrganizationKind, OrganizationStatus
from .models import Industry, Organization, Region


@dataclass
class ImportReport:
    """What a code-list import did: rows created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    codes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _path(code: str, parent: Region | None) -> str:
    return f"{parent.path}{code}/" if parent is not None else f"/{code}/"


@transaction.atomic
def import_regions(raw_rows: list[tuple[int, dict]], *, actor=None, source: str = "") -> ImportReport:
    """Upsert an official region code list (GB/T 2260 and its 12-digit extension) by code.

    Rows are (line number, {code, name, level, parent_code}); level and parent are derived when blank.
    Every bad row is reported (``loaders.CodeListError``) and nothing is written. Running the same list
    again changes nothing.
    """
    existing = {region.code: region for region in Region.objects.all()}
    rows = loaders.parse_regions(raw_rows, set(existing))
    report = ImportReport()
    now = timezone.now()
    moved: list[tuple[str, str]] = []
    for depth in sorted({loaders.LEVEL_DEPTH[row.level] for row in rows}):
        to_create, to_update = [], []
        for row in (r for r in rows if loaders.LEVEL_DEPTH[r.level] == depth):
            parent = existing.get(row.parent_code) if row.parent_code else None
            path = _path(row.code, parent)
            region = existing.get(row.code)
            if region is None:
                to_create.append(Region(code=row.code, name=row.name, level=row.level, parent=parent, path=path))
                continue
            if (region.name, region.level, region.parent_id, region.path) == (
                    row.name, row.level, getattr(parent, "pk", None), path):
                report.unchanged += 1
                continue
            if region.path != path:
                moved.append((region.path, path))
            region.name, region.level, region.parent, region.path, region.updated_at = (
                row.name, row.level, parent, path, now)
            to_update.append(region)
        for region in Region.objects.bulk_create(to_create, batch_size=500):
            existing[region.code] = region
        Region.objects.bulk_update(to_update, ["name", "level", "parent", "path", "updated_at"], batch_size=500)
        report.created += len(to_create)
        report.updated += len(to_update)
        report.codes += [r.code for r in to_create + to_update]
    _move_descendants(moved, listed={row.code for row in rows}, now=now)
    if report.created or report.updated:
        audit.record("orgs.regions.imported", actor=actor, data={**report.as_dict(), "source": source[:200]})
        events.publish("orgs.regions.imported", codes=report.codes)
    return report


def _move_descendants(moved: list[tuple[str, str]], *, listed: set[str], now) -> None:
    """Rewrite the paths of regions not in the list whose ancestor moved under another parent."""
    for old_path, new_path in moved:
        stale = [r for r in Region.objects.filter(path__startswith=old_path) if r.code not in listed]
        for region in stale:
            region.path = new_path + region.path[len(old_path):]
            region.updated_at = now
        Region.objects.bulk_update(stale, ["path", "updated_at"], batch_size=500)


@transaction.atomic
def import_industries(raw_rows: list[tuple[int, dict]], *, actor=None, source: str = "") -> ImportReport:
    """Upsert an industry code list (GB/T 4754-2017 sections, divisions, groups, classes) by code."""
    existing = {industry.code: industry for industry in Industry.objects.all()}
    rows = loaders.parse_industries(raw_rows, set(existing))
    report = ImportReport()
    now = timezone.now()
    for row in rows:  # parents sort before children
        parent = existing.get(row.parent_code) if row.parent_code else None
        industry = existing.get(row.code)
        if industry is None:
            existing[row.code] = Industry.objects.create(code=row.code, name=row.name, parent=parent)
            report.created += 1
            report.codes.append(row.code)
        elif (industry.name, industry.parent_id) != (row.name, getattr(parent, "pk", None)):
            industry.name, industry.parent, industry.updated_at = row.name, parent, now
            industry.save(update_fields=["name", "parent", "updated_at"])
            report.updated += 1
            report.codes.append(row.code)
        else:
            report.unchanged += 1
    if report.created or report.updated:
        audit.record("orgs.industries.imported", actor=actor, data={**report.as_dict(), "source": source[:200]})
        events.publish("orgs.industries.imported", codes=report.codes)
    return report


def _require(actor, permission: str, obj) -> None:
    """Check a person's permission; ``actor=None`` is the platform itself (commands, data loads)."""
    if actor is not None:
        from zhili.core.identity.permissions import require

        require(actor, permission, obj)


def _clean_name(name: str, field_name: str = "name") -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({field_name: _("名称不能为空")}, code="required")
    return name


@transaction.atomic
def register_enterprise(*, name: str, uscc: str, region: Region, industry: Industry | None = None,
                        size: str = "", legal_representative: str = "", address: str = "",
                        is_dispatch_agency: bool = False, actor) -> Organization:
    """Register an enterprise under its unified social credit code (统一社会信用代码, GB 32100)."""
    _require(actor, "orgs.enterprise.register", region)
    name = _clean_name(name)
    uscc = (uscc or "").strip().upper()
    try:
        validate_uscc(uscc)
    except ValidationError as exc:
        raise ValidationError({"uscc": exc.messages}, code="invalid") from None
    if size and size not in EnterpriseSize.values:
        raise ValidationError({"size": _("企业规模“{size}”无效").format(size=size)}, code="invalid")
    if Organization.objects.filter(uscc=uscc).exists():
        raise ValidationError({"uscc": _("统一社会信用代码 {uscc} 已登记").format(uscc=uscc)}, code="duplicate")
    enterprise = Organization.objects.create(
        kind=OrganizationKind.ENTERPRISE, name=name, uscc=uscc, region=region, industry=industry, size=size,
        legal_representative=legal_representative.strip(), address=address.strip(),
        is_dispatch_agency=is_dispatch_agency, status=OrganizationStatus.ACTIVE,
    )
    audit.record("orgs.enterprise.registered", actor=actor, target=enterprise,
                 data={"uscc": uscc, "region": region.code, "is_dispatch_agency": is_dispatch_agency})
    events.publish("orgs.enterprise.registered", organization_id=enterprise.pk)
    return enterprise


@transaction.atomic
def register_department(*, name: str, region: Region, parent: Organization | None = None,
                        kind: str = OrganizationKind.DEPARTMENT, uscc: str | None = None, actor) -> Organization:
    """Register a government department (or a bank / other body) serving ``region``."""
    _require(actor, "orgs.department.register", region)
    name = _clean_name(name)
    if kind == OrganizationKind.ENTERPRISE or kind not in OrganizationKind.values:
        raise ValidationError({"kind": _("部门登记不接受类型“{kind}”").format(kind=kind)}, code="invalid")
    if uscc:
        uscc = uscc.strip().upper()
        try:
            validate_uscc(uscc)
        except ValidationError as exc:
            raise ValidationError({"uscc": exc.messages}, code="invalid") from None
        if Organization.objects.filter(uscc=uscc).exists():
            raise ValidationError({"uscc": _("统一社会信用代码 {uscc} 已登记").format(uscc=uscc)}, code="duplicate")
    department = Organization.objects.create(kind=kind, name=name, region=region, parent=parent, uscc=uscc or None)
    audit.record("orgs.department.registered", actor=actor, target=department, data={"region": region.code})
    events.publish("orgs.department.registered", organization_id=department.pk)
    return department


UPDATABLE_FIELDS = ("name", "legal_representative", "address", "region", "industry", "size", "status", "parent",
                    "is_dispatch_agency")


@transaction.atomic
def update_organization(organization: Organization, *, actor, **changes) -> Organization:
    """Change an organisation's registered details (not its USCC or kind), recording which fields changed."""
    _require(actor, "orgs.organization.change", organization)
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValidationError(_("不可修改的字段：{fields}").format(fields=", ".join(sorted(unknown))), code="invalid")
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"])
    if changes.get("size") and changes["size"] not in EnterpriseSize.values:
        raise ValidationError({"size": _("企业规模“{size}”无效").format(size=changes["size"])}, code="invalid")
    if "status" in changes and changes["status"] not in OrganizationStatus.values:
        raise ValidationError({"status": _("状态“{status}”无效").format(status=changes["status"])}, code="invalid")
    changed = sorted(f for f, v in changes.items() if getattr(organization, f) != v)
    if not changed:
        return organization
    for name in changed:
        setattr(organization, name, changes[name])
    organization.save(update_fields=[*changed, "updated_at"])
    audit.record("orgs.organization.changed", actor=actor, target=organization, data={"fields": changed})
    events.publish("orgs.organization.changed", organization_id=organization.pk, fields=changed)
    return organization
