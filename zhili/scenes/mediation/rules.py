"""The 云调解室 scene's rules: dated values with their legal reference (DESIGN.md rule 4).

Legal values come from the Labor Dispute Mediation and Arbitration Law (劳动争议调解仲裁法, LDMAL, in force
2008-05-01), the People's Mediation Law (人民调解法, PMEDL, 2011-01-01) and the Supreme People's Court's online
mediation rules (人民法院在线调解规则, 法释〔2021〕23号, 2022-01-01). The upload limits are platform security
parameters, not legal values, and say so.
"""

import datetime as dt

from zhili.core.foundation.api import ParameterValue, parameter_on

from .policies import DOMAIN

# What may be uploaded as evidence: checked by the file's first bytes, not by its name.
EVIDENCE_TYPES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
    "audio/wav": (b"RIFF",),
}


def rule(name: str, day: dt.date) -> ParameterValue:
    """The value of rule ``name`` in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, name, day)


def mediation_deadline(received_on: dt.date) -> dt.date:
    """The last day of the mediation period: 15 days counted from the day after receipt (LDMAL Art. 14).

    Counted in calendar days, as the law says 日; the case's own step deadlines in core.cases are in working days.
    """
    return received_on + dt.timedelta(days=rule("mediation_days", received_on).value)


def sniff_content_type(data: bytes) -> str | None:
    """The evidence type ``data`` really is (by its magic bytes), or None if it is none of the accepted ones."""
    for content_type, prefixes in EVIDENCE_TYPES.items():
        if any(data.startswith(p) for p in prefixes):
            if content_type == "audio/wav" and data[8:12] != b"WAVE":
                continue
            return content_type
    return None

