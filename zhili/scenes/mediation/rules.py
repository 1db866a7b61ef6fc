"""The 云调解室 scene's rules: dated values with their legal reference (DESIGN.md rule 4).

Legal values come from the Labor Dispute Mediation and Arbitration Law (劳动争议调解仲裁法, LDMAL, in force
2008-05-01), the People's Mediation Law (人民调解法, PMEDL, 2011-01-01) and the Supreme People's Court's online
mediation rules (人民法院在线调解规则, 法释〔2021〕23号, 2022-01-01). The upload limits are platform security
parameters, not legal values, and say so.
"""

import datetime as dt

from zhili.core.dashboards.api import Dated, value_on

LDMAL = "《中华人民共和国劳动争议调解仲裁法》"

RULES = {
    # Art. 14: 自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁 (calendar days).
    "mediation_days": [Dated(15, dt.date(2008, 5, 1), f"{LDMAL}第十四条第三款")],
    # SPC online mediation rules Art. 14 (mediator accepts or declines within 3 working days), used for assignment.
    "assignment_working_days": [
        Dated(3, dt.date(2022, 1, 1), "《人民法院在线调解规则》（法释〔2021〕23号）第十四条，借用为派案时限"),
    ],
    # PMEDL Art. 33: 双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认.
    "judicial_confirmation_days": [Dated(30, dt.date(2011, 1, 1), "《中华人民共和国人民调解法》第三十三条")],
    # Art. 27: 劳动争议申请仲裁的时效期间为一年.
    "arbitration_limitation_years": [Dated(1, dt.date(2008, 5, 1), f"{LDMAL}第二十七条")],
    "claim_amount_max": [Dated(10_000_000, dt.date(2026, 1, 1), "平台数据校验上限（非法定数值）：单项请求金额不超过 1000 万元")],
    "evidence_max_bytes": [Dated(10 * 1024 * 1024, dt.date(2026, 1, 1), "平台安全参数（非法定数值）：单个证据文件不超过 10 MB")],
}

# What may be uploaded as evidence: checked by the file's first bytes, not by its name.
EVIDENCE_TYPES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
    "audio/wav": (b"RIFF",),
}


def rule(name: str, day: dt.date) -> Dated:
    """The value of rule ``name`` in force on ``day``, with its reference."""
    return value_on(RULES, name, day)


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
