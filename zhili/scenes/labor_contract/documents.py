"""The contract text: the default template's body, the nine-clause check, and rendering one contract to HTML."""

from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhili.core.foundation.api import pii

from .rules import LCL

DEFAULT_TEMPLATE_PATH = Path(__file__).parent / "templates" / "labor_contract" / "contract_default.html"
DEFAULT_TEMPLATE_BASIS = "参照人力资源社会保障部《劳动合同（通用）》示范文本的结构，按《劳动合同法》第十七条的九项必备条款以本项目自己的文字写成"

# The nine mandatory clauses of Labour Contract Law Art. 17, as the template marks them (data-clause="…").
MANDATORY_CLAUSES = {
    "employer": gettext_lazy("用人单位的名称、住所和法定代表人或者主要负责人"),
    "worker": gettext_lazy("劳动者的姓名、住址和居民身份证号码"),
    "term": gettext_lazy("劳动合同期限"),
    "job_and_place": gettext_lazy("工作内容和工作地点"),
    "hours_and_rest": gettext_lazy("工作时间和休息休假"),
    "remuneration": gettext_lazy("劳动报酬"),
    "social_insurance": gettext_lazy("社会保险"),
    "labour_protection": gettext_lazy("劳动保护、劳动条件和职业危害防护"),
    "other_matters": gettext_lazy("法律、法规规定应当纳入劳动合同的其他事项"),
}
MANDATORY_CLAUSES_REFERENCE = LCL + "第十七条第一款"

_engine = Engine(autoescape=True, builtins=["django.templatetags.i18n"])


@lru_cache(maxsize=64)
def compiled_body(body: str):
    """A template body compiled once per process (versions are frozen, so the text is the key)."""
    return _engine.from_string(body)


def default_body() -> str:
    return DEFAULT_TEMPLATE_PATH.read_text(encoding="utf-8")


def check_template_body(body: str) -> None:
    """Raise ValidationError naming every mandatory clause (Art. 17) the body does not mark, or a syntax error."""
    missing = [label for code, label in MANDATORY_CLAUSES.items()
               if f'data-clause="{code}"' not in body]
    if missing:
        raise ValidationError({"body": [_("合同模板缺少必备条款：{clause}（{ref}）").format(clause=label, ref=MANDATORY_CLAUSES_REFERENCE)
                                        for label in missing]}, code="mandatory_clause_missing")
    try:
        _engine.from_string(body)
    except Exception as exc:  # TemplateSyntaxError and friends
        raise ValidationError({"body": _("合同模板语法有误：{error}").format(error=exc)}, code="template_syntax") from None


def render_contract_html(contract, *, reveal_pii: bool = False) -> str:
    """The contract's text as HTML; ID number and phone masked unless ``reveal_pii`` (for the parties' PDF)."""
    version = contract.template_version
    if version is None:
        return ""
    id_number, phone = contract.worker_id_number, contract.worker_phone
    context = Context({
        "contract": contract, "employer": contract.employer, "clauses": version.employer_clauses,
        "worker_id_number": id_number if reveal_pii else pii.mask_id_number(id_number),
        "worker_phone": phone if reveal_pii else pii.mask_phone(phone),
    })
    return compiled_body(version.body).render(context)


# ---------------------------------------------------------------- the PDF, its signature page and page images

PDF_CSS_PATH = Path(__file__).parent / "templates" / "labor_contract" / "contract_pdf.css"
# A4 in PDF points. Every contract PDF ends with a signature page (``.signatures`` breaks before it), so the
# worker's signature box and the default seal spot are fixed points on the last page.
PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 595, 842
WORKER_SIGNATURE_BOX = (145, 515, 345, 585)
PAGE_PNG_DPI = 72  # one pixel per PDF point, so a position picked on the preview image is already in points


def render_contract_pdf(contract) -> bytes:
    """The contract as an archival PDF (PDF/A-3b, CJK font embedded) with the full ID number and phone."""
    from zhili.core.esign.api import render_pdf

    html = render_contract_html(contract, reveal_pii=True)
    return render_pdf("{{ html|safe }}", {"html": html}, css=PDF_CSS_PATH.read_text(encoding="utf-8"))


def page_count(pdf: bytes) -> int:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


def page_png(pdf: bytes, page: int) -> bytes:
    """One page (1-based) as a PNG at 72 dpi, drawn by poppler's ``pdftoppm``."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="zhili-page-") as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(PAGE_PNG_DPI), "-f", str(page), "-l", str(page),
                        "-singlefile", str(source), str(Path(folder) / "page")],
                       check=True, capture_output=True, timeout=60)
        return (Path(folder) / "page.png").read_bytes()


# ---------------------------------------------------------------- what the worker is told before signing

# The disclosure the employer owes the worker before signing (《电子劳动合同订立指引》第六条): the process, how to
# operate, what to watch for, how to view and download the full text, and that it costs the worker nothing.
DISCLOSURE_REFERENCE = "人力资源社会保障部办公厅《电子劳动合同订立指引》（人社厅发〔2021〕54号）第六条"
DISCLOSURE_POINTS = (
    gettext_lazy("签署流程：核对身份（短信验证码登录、姓名与身份证号码核验）→ 阅读合同全文 → 单独确认签署意愿 → "
                 "在屏幕上手写签名或输入姓名 → 用人单位加盖电子印章后合同生效。"),
    gettext_lazy("操作方法：全程在手机浏览器中完成，无需安装插件或应用，无需 U 盾或密码。"),
    gettext_lazy("注意事项：请仔细阅读合同的每一项条款；对内容有异议的，可以拒签并写明理由，用人单位会收到通知。"
                 "签名使用平台为您签发的个人数字证书，并附可信时间戳，签署后任何改动都能被发现。"),
    gettext_lazy("查看与下载：合同订立后，您会收到短信和站内消息通知；在「我的合同」中可随时查看、下载和打印合同全文。"),
    gettext_lazy("费用：签署、查看、下载合同对劳动者完全免费。"),
)


def disclosure_text() -> str:
    return "\n".join(str(point) for point in DISCLOSURE_POINTS)


def disclosure_sha256() -> str:
    import hashlib

    return hashlib.sha256(disclosure_text().encode("utf-8")).hexdigest()
