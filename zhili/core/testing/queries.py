"""What a request says to the database, as (verb, table) pairs: the read path's query budget in tests."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

_TABLE = re.compile(r'\b(?:FROM|INTO)\s+"([^"]+)"', re.IGNORECASE)


def statements(call) -> list[tuple[str, str]]:
    """Run ``call()`` and return each statement it sent as ``(verb, first table)``; savepoints as ``(verb, "")``."""
    with CaptureQueriesContext(connection) as captured:
        call()
    result = []
    for query in captured.captured_queries:
        sql = query["sql"].lstrip()
        verb = sql.split(None, 1)[0].upper()
        if verb == "RELEASE":
            result.append(("RELEASE", ""))
        elif verb == "SAVEPOINT":
            result.append(("SAVEPOINT", ""))
        else:
            match = _TABLE.search(sql)
            result.append((verb, match.group(1) if match else ""))
    return result
