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

__all__ = [
    "XLSX_CONTENT_TYPE", "Limits", "SpreadsheetRejected", "XlsxWriter", "check_upload_size", "header_widths",
    "iter_rows", "safe_value", "table_xlsx", "xlsx_response",
]
