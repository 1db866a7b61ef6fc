"""What scenes and other core packages may use from core.orgs (组织机构).

Models (FK targets and reads): ``Organization`` (enterprises by USCC, departments, banks, hospitals, social
    organisations …), ``Region`` (GB/T 2260, with ``path`` for scope), ``Industry`` (GB/T 4754).
Choices: ``OrganizationKind``, ``EnterpriseSize``, ``OrganizationStatus``, ``RegionLevel``.
Reads: ``enterprises_in_scope``, ``region_by_code``, ``regions_under``; ``division_name`` (any GB/T 2260 code in
    China → its full name, e.g. for a worker's place of origin).
Services: ``register_enterprise``, ``register_department``, ``update_organization``;
    code lists: ``import_regions``, ``import_industries`` (``ImportReport``), ``read_csv``, ``CodeListError``,
    ``INDUSTRIES_CSV``, ``ZHEJIANG_REGIONS_CSV``.
"""

from .choices import EnterpriseSize, OrganizationKind, OrganizationStatus, RegionLevel
from .divisions import division_name
from .loaders import INDUSTRIES_CSV, ZHEJIANG_REGIONS_CSV, CodeListError, read_csv
from .models import Industry, Organization, Region
from .queries import enterprises_in_scope, region_by_code, regions_under
from .services import (
    ImportReport,
    import_industries,
    import_regions,
    register_department,
    register_enterprise,
    update_organization,
)

__all__ = [
    "INDUSTRIES_CSV", "ZHEJIANG_REGIONS_CSV", "CodeListError", "EnterpriseSize", "ImportReport", "Industry",
    "Organization", "OrganizationKind", "OrganizationStatus", "Region", "RegionLevel", "division_name",
    "enterprises_in_scope",
    "import_industries", "import_regions", "read_csv", "region_by_code", "regions_under", "register_department",
    "register_enterprise", "update_organization",
]
