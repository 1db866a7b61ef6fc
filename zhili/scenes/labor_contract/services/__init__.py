"""Every change to labor contracts (one write path): contracts and batches, the signing journey, seals."""

from .access import record_contract_read  # noqa: F401
from .contracts import (  # noqa: F401
    BULK_CHUNK,
    CONTRACT_FIELDS,
    SIGN_LINK_DAYS,
    BatchResult,
    add_template_version,
    create_contract,
    create_default_template,
    import_contract_batch,
    import_existing_contracts,
    revoke_contract,
    rule_data,
    send_contracts,
    sign_deadline,
    sign_path,
)
from .filing import export_filings_json, export_filings_xlsx, file_contract, filing_dict  # noqa: F401
from .lifecycle import (  # noqa: F401
    amend_contract,
    remind_worker,
    renew_contract,
    renewal_warnings,
    resend_invitation,
    supplementary_template_version,
    terminate_contract,
    transfer_contract,
)
from .reminders import check_contract_deadlines, expire_unsigned_contracts, pair_history  # noqa: F401
from .seals import check_seal_png, place_seal, upload_seal  # noqa: F401
from .signing import (  # noqa: F401
    acknowledge_disclosure,
    active_seal,
    apply_seal,
    completed_document,
    confirm_intent,
    confirm_worker_identity,
    current_document,
    employer_may_seal_status,
    ensure_contract_pdf,
    open_intent,
    reject_contract,
    render_contract_pdfs,
    seal_placement,
    sign_as_worker,
    signing_order,
    steps_done,
    worker_may_sign_status,
)
