"""The contract text: the default template's body, the nine-clause check, and rendering one contract to HTML."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhili.core.foundation import pii

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
    return _engine.from_string(version.body).render(context)
