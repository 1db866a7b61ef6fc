"""The evidence-ledger entries of a verified file, each checked from first principles (RFC 9162 proofs, C2SP notes)."""

import logging

from .reports import VerificationReport

logger = logging.getLogger(__name__)


def attach_ledger(report: VerificationReport, ledger_key: str = "") -> None:
    """Add the evidence-ledger entries for the digests of this file and its revisions, with checked proofs."""
    try:
        from zhili.core.ledger import api as ledger_api

        entries = [entry.as_dict() for entry in ledger_api.entries_for_digests(report.revision_sha256)]
        ledger_key = ledger_key or ledger_api.verifier_key()
    except Exception:  # no database (offline use) or no ledger: the report says so instead of failing
        logger.info("ledger look-up failed", exc_info=True)
        report.ledger_note = "存证记录查询失败（离线验证可用 --ledger-proof 提供存证证明文件）"
        return
    report.ledger_entries = [check_ledger_entry(entry, report.revision_sha256, ledger_key) for entry in entries]
    report.ledger_note = "" if entries else "无存证记录"


def attach_given_proofs(report: VerificationReport, proofs: list[dict], ledger_key: str) -> None:
    if not isinstance(proofs, list) or not all(isinstance(item, dict) for item in proofs):
        report.ledger_note = "存证证明文件格式错误：应为存证记录（JSON 对象）的列表"
        return
    wanted = set(report.revision_sha256)
    matching = [item for item in proofs if item.get("digest") in wanted]
    report.ledger_entries = [check_ledger_entry(item, report.revision_sha256, ledger_key) for item in matching]
    report.ledger_note = "" if matching else "存证证明文件中没有与本文件摘要相符的记录"


def check_ledger_entry(entry: dict, revision_sha256: list[str], ledger_key: str = "") -> dict:
    """Check one ledger entry from first principles (RFC 9162): the record, its leaf hash, the proof and checkpoint.

    Adds ``document`` (which version of the file the entry records), ``record_ok`` (the canonical record hashes
    to the leaf and names this digest), ``proof_ok`` (``verify_inclusion`` leads to the root) and
    ``checkpoint_ok`` (the signed note verifies under ``ledger_key`` and states that size and root; None when the
    proof leads to the current, not yet signed root or no key is given), ``signed_root`` (the proof ends at a root
    a verified checkpoint signs) and ``status``, which says in words which of these holds: a proof against a root
    nobody has signed yet shows only that the platform's current tree contains the entry, and the status says so.
    """
    import json

    from zhili.core.ledger.api import NoteError, hash_leaf, open_checkpoint, verify_inclusion

    result = dict(entry)
    digest = str(entry.get("digest", ""))
    if digest == (revision_sha256[-1] if revision_sha256 else ""):
        result["document"] = "整个文件"
    elif digest in revision_sha256:
        result["document"] = f"第 {revision_sha256.index(digest) + 1} 版（共 {len(revision_sha256)} 版）"
    else:
        result["document"] = "与本文件无关"
    try:
        record_text = str(entry["record"])
        leaf = hash_leaf(record_text.encode())
        record = json.loads(record_text)
        result["record_ok"] = (leaf.hex() == entry.get("leaf_hash", leaf.hex())
                               and (record.get("digest") or {}).get("value") == digest)
        proof = [bytes.fromhex(item) for item in entry["inclusion_proof"]]
        root, size, index = bytes.fromhex(entry["root_hash"]), int(entry["tree_size"]), int(entry["index"])
        result["proof_ok"] = verify_inclusion(leaf, index, size, proof, root)
    except (KeyError, ValueError, TypeError, AttributeError):
        result["record_ok"], result["proof_ok"] = False, False
        root, size = b"", -1
    result["checkpoint_ok"] = None
    note = entry.get("checkpoint_note") or ""
    if note and ledger_key:
        try:
            body = open_checkpoint(note, ledger_key)
            result["checkpoint_ok"] = body.tree_size == size and body.root_hash == root
        except NoteError:
            result["checkpoint_ok"] = False
    result["ok"] = bool(result["record_ok"] and result["proof_ok"] and result["checkpoint_ok"] is not False)
    result["signed_root"] = bool(result["ok"] and result["checkpoint_ok"])
    result["status"] = _status(result, bool(note))
    return result


def _status(result: dict, has_note: bool) -> str:
    if not result["ok"]:
        return "证明无效"
    if result["signed_root"]:
        return "证明有效（树根已由签名检查点确认）"
    if has_note:
        return "包含证明成立，但未提供检查点验证公钥，树根签名未核验"
    return "包含证明成立，但所依据的树根尚未签名（签名检查点将在记录后一分钟内签发，届时请重新验证）"
