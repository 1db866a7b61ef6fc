"""Pages of the labor contract scene: HR's board and uploads, the worker's signing journey, seals, QR sheets."""

from .contracts import (  # noqa: F401
    batch_detail,
    batch_result,
    batch_send,
    batch_template,
    batch_upload,
    contract_create,
    contract_detail,
    contract_list,
    contract_revoke,
    contract_send,
    existing_template,
    existing_upload,
    my_contracts,
    region_expiring,
    region_list,
    region_overdue,
    send_selected,
)
from .lifecycle import (  # noqa: F401
    access_log,
    contract_amend,
    contract_renew,
    contract_resend,
    contract_terminate,
    region_filings,
    termination_pdf,
)
from .seals import contract_seal, contract_seal_preview, qr_sheet, seal_image, seal_settings  # noqa: F401
from .signing import (  # noqa: F401
    contract_pdf,
    sign_disclosure,
    sign_done,
    sign_intent,
    sign_read,
    sign_real_name,
    sign_reject,
    sign_signature,
    sign_start,
)
