"""``zhili verify FILE.pdf [--root root.pem] [--json]``: check a signed PDF, offline if a root is given."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "验证 PDF 文件中的每个电子签名和时间戳（给出 --root 时完全离线）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="要验证的 PDF 文件")
        parser.add_argument("--root", action="append", default=[],
                            help="信任的根证书（PEM 或 DER），可多次给出；给出时不读取平台数据库")
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
        report = verify_pdf(path.read_bytes(), trust_roots=roots or None, use_platform=not offline)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report, path.name))
        if not report.ok:
            raise CommandError(report.error or report.verdict_label)


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
            lines.append(f"存证记录：{json.dumps(entry, ensure_ascii=False)}")
    else:
        lines.append(f"存证记录：{report.ledger_note or '无'}")
    return "\n".join(lines) + "\n"
