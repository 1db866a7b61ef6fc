"""What other packages and scenes may call in orgs."""

from .loaders import INDUSTRIES_CSV, ZHEJIANG_REGIONS_CSV, CodeListError, read_csv  # noqa: F401
from .queries import enterprises_in_scope, region_by_code, regions_under  # noqa: F401
from .services import (  # noqa: F401
    ImportReport,
    import_industries,
    import_regions,
    register_department,
    register_enterprise,
    update_organization,
)
