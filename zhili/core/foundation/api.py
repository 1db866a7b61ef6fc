"""What other packages and scenes may call in the foundation package."""

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

__all__ = [
    "XLSX_CONTENT_TYPE", "Limits", "SpreadsheetRejected", "XlsxWriter", "check_upload_size", "enqueue_with_commit", "header_widths",
    "iter_rows", "safe_value", "table_xlsx", "xlsx_response",
]
