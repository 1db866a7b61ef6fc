"""What a verification says: per signature and for the whole file, in Chinese, and the verdict drawn from it."""

import dataclasses
from dataclasses import dataclass, field

COVERAGE_LABELS = {
    "ENTIRE_FILE": "覆盖整个文件",
    "ENTIRE_REVISION": "覆盖签署时的版本，其后另有增量更新",
    "CONTIGUOUS_BLOCK_FROM_START": "只覆盖文件开头的一部分",
    "UNCLEAR": "覆盖范围不明",
}
MODIFICATION_LABELS = {
    "NONE": "签署后无改动",
    "LTA_UPDATES": "签署后仅添加了验证数据和文档时间戳（允许）",
    "FORM_FILLING": "签署后仅有填表或其他签名（允许）",
    "ANNOTATIONS": "签署后添加了批注",
    "OTHER": "签署后内容被改动",
}
VERDICT_LABELS = {
    "valid": "全部签名有效且可信",
    "untrusted": "签名完整，但证书不受信任（未安装平台根证书或来源未知）",
    "invalid": "存在无效签名或签署后内容被改动",
    "unsigned": "文件中没有签名",
    "error": "文件无法验证",
}


@dataclass
class SignatureReport:
    """What is known about one signature or document timestamp."""

    field_name: str
    kind: str  # "signature" or "document_timestamp"
    signer: str = ""
    signer_common_name: str = ""
    role: str = ""
    signing_time: str = ""
    timestamp_time: str = ""
    timestamp_authority: str = ""
    timestamp_trusted: bool = False
    chain: list[str] = field(default_factory=list)
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    revoked: bool = False
    coverage: str = ""
    coverage_label: str = ""
    covers_whole_document: bool = False
    modification_level: str = ""
    changes_after: str = ""
    revision: int = 0
    revisions_after: int = 0
    evidence_digest: str = ""
    ok: bool = False
    problems: list[str] = field(default_factory=list)


@dataclass
class VerificationReport:
    """The verdict on a whole file, its signatures, and its evidence-ledger entries."""

    sha256: str
    size: int
    revisions: int = 0
    verdict: str = "error"
    verdict_label: str = ""
    signatures: list[SignatureReport] = field(default_factory=list)
    revision_sha256: list[str] = field(default_factory=list)
    ledger_entries: list[dict] = field(default_factory=list)
    ledger_note: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.verdict == "valid"

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def problems_of(item: SignatureReport, status, is_timestamp: bool) -> list[str]:
    problems = []
    if not item.intact:
        problems.append("签名后文件内容被篡改（摘要不符）")
    elif not item.valid:
        problems.append("签名值无效")
    if item.revoked:  # an untrusted path because of the revocation: the revocation is what is wrong
        problems.append("签名证书已被吊销")
    elif not item.trusted:
        problems.append("证书链不受信任")
    if not is_timestamp and not item.timestamp_time:
        problems.append("签名没有可信时间戳")
    elif not is_timestamp and not item.timestamp_trusted:
        problems.append("签名时间戳不可信")
    if item.modification_level in ("ANNOTATIONS", "OTHER") or getattr(status, "docmdp_ok", True) is False:
        problems.append("签署后文件被改动：" + item.changes_after)
    return problems


def verdict_of(signatures: list[SignatureReport]) -> str:
    if not signatures:
        return "unsigned"
    if all(s.ok for s in signatures):
        return "valid"
    only_trust = all(set(s.problems) <= {"证书链不受信任", "签名时间戳不可信"} for s in signatures)
    if only_trust and all(s.intact and s.valid for s in signatures):
        return "untrusted"
    return "invalid"
