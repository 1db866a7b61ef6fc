"""What scenes and other core packages may use from core.foundation.

Models:
    ``TimeStampedModel``, ``OrgScopedModel`` — the bases every model derives from (created/updated times).
    ``AuditEntry`` — the append-only audit log, for reads (a person's access log, a filing's evidence).
Writes and their evidence (modules used as namespaces, as in STYLE.md):
    ``audit.record(action, actor=, target=, data=)`` in the service's transaction; ``audit.entries_for(obj)``.
    ``events.publish(name, **payload)`` on commit; ``events.subscribe(name)`` in a scene's ``events.py``;
    ``events.Event``.
Personal data:
    ``pii.EncryptedTextField`` (encrypted at rest), ``pii.blind_index`` (look-up), ``pii.mask_name``,
    ``pii.mask_phone``, ``pii.mask_id_number`` (shown masked).
Choices: ``ChoiceSet`` (value, Chinese label, colour) and ``Colour``.
Validators: ``validate_id_number``, ``validate_mobile``, ``validate_uscc``, ``validate_region_code``,
    ``birth_date_from_id``, ``uscc_check_character``.
Requests and forms: ``client_ip(request)``; ``add_service_errors(form, exc)`` puts a service's
    ValidationError on the form's fields.
Registries: ``Registry`` (filled at start-up, frozen afterwards).
Dated parameters (the one mechanism for values a law, standard or policy sets): ``Parameter``, ``Value``,
    ``ParameterValue``, ``parameter_on(set, name, day)``; sets are declared in an app's ``policies.py`` (read by
    core.policy) or registered with ``register_parameter_set``; ``parameter_sets`` lists them all.
Hand-written SQL on hot paths (name tables and columns through the models, so a renamed field changes the
    statement): ``quoted_table``, ``quoted_column``, ``columns``, ``loaded_instance``.
Spreadsheets (bounded uploads, safe cells): ``iter_rows``, ``check_upload_size``, ``Limits``,
    ``SpreadsheetRejected``, ``XlsxWriter``, ``table_xlsx``, ``xlsx_response``, ``XLSX_CONTENT_TYPE``,
    ``header_widths``, ``safe_value``.
Background tasks: ``enqueue_with_commit(task, ...)`` queues a task in the caller's transaction.
Numbers on pages: ``plain_number`` (``1,234.57``, ``2``).
"""

from . import audit, events, pii
from .choices import ChoiceSet, Colour
from .context import client_ip
from .formats import plain_number
from .forms import add_service_errors
from .images import PHOTO_SUFFIXES, check_photo
from .models import AuditEntry, OrgScopedModel, TimeStampedModel, columns, loaded_instance, quoted_column, quoted_table
from .parameters import (
    Parameter,
    ParameterSet,
    ParameterValue,
    Value,
    parameter_on,
    parameter_sets,
    register_parameter_set,
)
from .registry import Registry
from .spreadsheets import (
    XLSX_CONTENT_TYPE,
    Limits,
    SpreadsheetRejected,
    XlsxWriter,
    check_upload_size,
    header_widths,
    iter_rows,
    safe_value,
    table_xlsx,
    xlsx_response,
)
from .tasks import enqueue_with_commit
from .validators import (
    birth_date_from_id,
    uscc_check_character,
    validate_id_number,
    validate_mobile,
    validate_region_code,
    validate_uscc,
)

__all__ = [
    "PHOTO_SUFFIXES", "XLSX_CONTENT_TYPE", "AuditEntry", "ChoiceSet", "Colour", "Limits", "OrgScopedModel", "Parameter", "ParameterSet",
    "ParameterValue", "Registry", "Value", "parameter_on", "parameter_sets", "register_parameter_set",
    "SpreadsheetRejected", "TimeStampedModel", "XlsxWriter", "add_service_errors", "audit", "birth_date_from_id",
    "check_photo", "check_upload_size", "client_ip", "columns", "enqueue_with_commit", "events", "header_widths", "iter_rows", "loaded_instance", "pii",
    "plain_number",
    "quoted_column", "quoted_table", "safe_value", "table_xlsx", "uscc_check_character", "validate_id_number",
    "validate_mobile", "validate_region_code", "validate_uscc", "xlsx_response",
]
