"""Every change to labor contracts (one write path), by concept: templates, contracts, batches, sending, the
contract PDF, the worker's signing journey and its progress, the employer's seal, completion, amendments,
termination and the rest of the lifecycle, reminders, filing, seals, reads."""

from .access import (  # noqa: F401
    record_contract_read,
)
from .amendments import (  # noqa: F401
    amend_contract,
    supplementary_template_version,
)
from .batches import (  # noqa: F401
    BULK_CHUNK,
    BatchResult,
    import_contract_batch,
    import_existing_contracts,
)
from .common import (  # noqa: F401
    CONTRACT_FIELDS,
    sign_deadline,
    sign_path,
)
from .contracts import (  # noqa: F401
    create_contract,
    rule_data,
)
from .filing import (  # noqa: F401
    export_filings_json,
    export_filings_xlsx,
    file_contract,
    filing_dict,
)
from .lifecycle import (  # noqa: F401
    remind_worker,
    renew_contract,
    renewal_warnings,
    resend_invitation,
    transfer_contract,
)
from .pdfs import (  # noqa: F401
    completed_document,
    current_document,
    ensure_contract_pdf,
    render_contract_pdfs,
)
from .progress import (  # noqa: F401
    employer_may_seal_status,
    open_intent,
    signing_order,
    steps_done,
    worker_may_sign_status,
)
from .reminders import (  # noqa: F401
    check_contract_deadlines,
    expire_unsigned_contracts,
    pair_history,
)
from .sealing import (  # noqa: F401
    active_seal,
    apply_seal,
    seal_placement,
)
from .seals import (  # noqa: F401
    check_seal_png,
    place_seal,
    upload_seal,
)
from .sending import (  # noqa: F401
    revoke_contract,
    send_contracts,
)
from .signing import (  # noqa: F401
    acknowledge_disclosure,
    confirm_intent,
    confirm_worker_identity,
    reject_contract,
    sign_as_worker,
)
from .templates import (  # noqa: F401
    add_template_version,
    create_default_template,
)
from .termination import (  # noqa: F401
    terminate_contract,
)
