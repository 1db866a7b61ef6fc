"""``zhili verify FILE.pdf [--root root.pem] [--ledger-proof proof.json] [--json]``: check a signed PDF.

Offline when a root is given; ``--ledger-proof`` (what ``/api/v1/esign/ledger-proof?sha256=`` returns) then
supplies the ledger entries and their inclusion proofs, checked from first principles.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "验证 PDF 文件中的每个电子签名和时间戳（给出 --root 时完全离线）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="要验证的 PDF 文件")
        parser.add_argument("--root", action="append", default=[],
                            help="信任的根证书（PEM 或 DER），可多次给出；给出时不读取平台数据库")
        parser.add_argument("--ledger-proof", default="",
                            help="存证证明文件（JSON，来自 /api/v1/esign/ledger-proof），离线核对存证记录与包含证明")
        parser.add_argument("--ledger-key", default="", help="存证账本检查点的验证公钥（默认取证明文件中的 verifier_key）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出验证报告")

    def handle(self, *args, **options):
        from zhili.core.esign.verify import verify_pdf

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        roots = []
        for root in options["root"]:
            root_path = Path(root)
            if not root_path.is_file():
                raise CommandError(f"根证书文件不存在：{root_path}")
            roots.append(root_path.read_bytes())
        offline = bool(roots)
        proofs, ledger_key = None, options["ledger_key"]
        if options["ledger_proof"]:
            proofs, given_key = read_ledger_proof(Path(options["ledger_proof"]))
            ledger_key = ledger_key or given_key
        report = verify_pdf(path.read_bytes(), trust_roots=roots or None, use_platform=not offline,
                            ledger_proofs=proofs, ledger_key=ledger_key)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report, path.name))
        if not report.ok:
            raise CommandError(report.error or report.verdict_label)


def read_ledger_proof(path: Path) -> tuple[list, str]:
    """Return the entries and verifier key of a proof file (an object with ``entries``, or a bare list)."""
    if not path.is_file():
        raise CommandError(f"存证证明文件不存在：{path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise CommandError(f"存证证明文件不是有效的 JSON：{path}") from exc
    if isinstance(data, dict):
        return data.get("entries") or [], str(data.get("verifier_key") or "")
    if isinstance(data, list):
        return data, ""
    raise CommandError("存证证明文件格式错误：应为含 entries 的对象或存证记录列表")


def render_ledger_entry(entry: dict) -> list[str]:
    yes = {True: "是", False: "否", None: "未核对"}
    lines = [
        f"存证记录：#{entry.get('index')} {entry.get('kind', '')}（{entry.get('recorded_at', '')}），"
        f"对应{entry.get('document', '')}",
        f"    摘要：{entry.get('digest', '')}",
        f"    叶子哈希：{entry.get('leaf_hash', '')}",
        f"    包含证明（树大小 {entry.get('tree_size')}）：" + (" ".join(entry.get("inclusion_proof") or []) or "（空）"),
        f"    根哈希：{entry.get('root_hash', '')}",
        f"    存证原文相符：{yes[entry.get('record_ok')]}  包含证明有效：{yes[entry.get('proof_ok')]}"
        f"  检查点签名有效：{yes[entry.get('checkpoint_ok')]}",
        f"    结论：{entry.get('status', '')}",
    ]
    note = entry.get("checkpoint_note") or ""
    if note:
        lines.append("    检查点：" + note.strip().replace("\n", " | "))
    else:
        lines.append("    检查点：无（证明指向当前根哈希，该根尚未签名）")
    return lines


def render_text(report, name: str) -> str:
    yes = {True: "是", False: "否"}
    lines = [f"文件：{name}", f"SHA-256：{report.sha256}", f"版本数：{report.revisions}",
             f"结论：{report.verdict_label}", ""]
    for number, item in enumerate(report.signatures, start=1):
        title = "文档时间戳" if item.kind == "document_timestamp" else "签名"
        lines += [
            f"[{number}] {title}  签名域：{item.field_name}",
            f"    签署人：{item.signer}",
            f"    角色：{item.role or '未知'}",
            f"    签署时间（签署人声明）：{item.signing_time or '无'}",
            f"    可信时间戳：{item.timestamp_time or '无'}  时间戳机构：{item.timestamp_authority or '无'}",
            f"    证书链：{' → '.join(item.chain) if item.chain else '无法建立到受信任根证书的证书链'}",
            f"    受信任：{yes[item.trusted]}  完整：{yes[item.intact]}  签名值有效：{yes[item.valid]}"
            f"  已吊销：{yes[item.revoked]}",
            f"    覆盖范围：{item.coverage_label}（覆盖整个文件：{yes[item.covers_whole_document]}）",
            f"    签署后改动：{item.changes_after}（其后还有 {item.revisions_after} 个版本）",
            f"    结果：{'有效' if item.ok else '无效：' + '；'.join(item.problems)}",
            "",
        ]
    if report.ledger_entries:
        for entry in report.ledger_entries:
            lines += render_ledger_entry(entry)
    else:
        lines.append(f"存证记录：{report.ledger_note or '无'}")
    return "\n".join(lines) + "\n"
