"""The worker's signing journey on a phone: start (from the SMS link) → real name → disclosure → read → intent →
signature → done; rejection with a reason; the contract PDF for anyone who may see it.

Views only read through ``queries``/``services`` helpers and write through ``services``.
"""

import base64
import binascii

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from zhili.core.foundation.api import add_service_errors, client_ip
from zhili.core.identity.api import can

from .. import documents, services
from ..choices import ContractStatus, SigningStepKind
from ..forms import DisclosureForm, IntentForm, RealNameForm, RejectForm, SignatureForm
from ..models import LaborContract
from ..permissions import is_contract_phone
from ..services.signing import PHONE_MISMATCH

STEPS = (
    ("real_name", gettext_lazy("实名核验")), ("disclosure", gettext_lazy("签署须知")), ("read", gettext_lazy("阅读合同")),
    ("intent", gettext_lazy("确认意愿")), ("signature", gettext_lazy("签名")),
)


def _meta(request) -> dict:
    return {"ip_address": client_ip(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")}


def _worker_contract(request, number) -> LaborContract:
    """The contract, if the logged-in phone is the one it names; otherwise a clear refusal (403)."""
    contract = get_object_or_404(LaborContract.objects.select_related("employer", "template_version"), number=number)
    if not is_contract_phone(request.user, contract):
        raise PermissionDenied(str(PHONE_MISMATCH))
    return contract


def _refused(request, contract, message: str, status: int = 403):
    return render(request, "labor_contract/contract_sign_refused.html",
                  {"contract": contract, "message": message}, status=status)


def _intent_is_fresh(intent) -> bool:
    from zhili.core.esign.api import INTENT_MAX_AGE

    return intent is not None and timezone.now() - intent.confirmed_at < INTENT_MAX_AGE


def next_step(user, contract, *, at_least: str | None = None) -> str:
    """The name of the page the worker should see next (with ``at_least="read"``: "read" as soon as the worker
    may read, without looking up the intent; the reading page is open either way)."""
    if contract.status != services.worker_may_sign_status(contract):
        return "done"
    done = services.steps_done(contract, user)
    if SigningStepKind.REAL_NAME not in done:
        return "real_name"
    if SigningStepKind.DISCLOSURE not in done:
        return "disclosure"
    if at_least == "read":
        return "read"
    intent = services.open_intent(contract, user)
    document = _current_document(contract)
    if _intent_is_fresh(intent) and document is not None and intent.document_sha256 == document.sha256:
        return "signature"
    return "read"


def _current_document(contract):
    """The contract's newest PDF, looked up once per request (``next_step`` and the page both need it)."""
    if not hasattr(contract, "_current_document"):
        contract._current_document = services.current_document(contract)
    return contract._current_document


def _document(request, contract):
    """The PDF the worker reads: normally rendered by the task worker when the contract was sent; rendered
    here only if it is missing (no task worker running, or the queue failed)."""
    return _current_document(contract) or services.ensure_contract_pdf(contract, actor=request.user)


def _go(contract, step: str):
    return redirect(reverse(f"labor_contract:sign_{step}", args=[contract.number]))


def _page(request, contract, step: str, template: str, **context):
    return render(request, f"labor_contract/{template}", {
        "contract": contract, "steps": STEPS, "step": step, **context})


def _guard(request, number, step: str):
    """Load the contract for a step page; return (contract, None) or (contract, response to send instead)."""
    try:
        contract = _worker_contract(request, number)
    except PermissionDenied as exc:
        contract = LaborContract.objects.filter(number=number).first()
        return contract, _refused(request, contract, str(exc))
    expected = next_step(request.user, contract, at_least="read" if step == "read" else None)
    order = [s for s, _label in STEPS]
    if expected == "done":
        return contract, _go(contract, "done")
    reachable = order.index(expected) + (1 if expected == "read" else 0)  # reading leads to the intent step
    if step in order and order.index(step) > reachable:
        return contract, _go(contract, expected)
    return contract, None


@login_required
def sign_start(request, number):
    """Where the SMS short link and the on-site QR code lead: check the phone, then go to the next step."""
    contract, response = _guard(request, number, "start")
    if response is not None:
        return response
    return _go(contract, next_step(request.user, contract))


@login_required
@require_http_methods(["GET", "POST"])
def sign_real_name(request, number):
    contract, response = _guard(request, number, "real_name")
    if response is not None:
        return response
    form = RealNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_worker_identity(contract, name=form.cleaned_data["name"],
                                             id_number=form.cleaned_data["id_number"], actor=request.user,
                                             **_meta(request))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _go(contract, "disclosure")
    return _page(request, contract, "real_name", "contract_sign_real_name.html", form=form)


@login_required
@require_http_methods(["GET", "POST"])
def sign_disclosure(request, number):
    contract, response = _guard(request, number, "disclosure")
    if response is not None:
        return response
    form = DisclosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.acknowledge_disclosure(contract, actor=request.user, **_meta(request))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _go(contract, "read")
    return _page(request, contract, "disclosure", "contract_sign_disclosure.html", form=form,
                 points=documents.DISCLOSURE_POINTS, reference=documents.DISCLOSURE_REFERENCE)


@login_required
def sign_read(request, number):
    contract, response = _guard(request, number, "read")
    if response is not None:
        return response
    document = _document(request, contract)
    return _page(request, contract, "read", "contract_sign_read.html", document=document,
                 html=documents.render_contract_html(contract), reject_form=RejectForm())


@login_required
@require_http_methods(["GET", "POST"])
def sign_intent(request, number):
    contract, response = _guard(request, number, "intent")
    if response is not None:
        return response
    document = _document(request, contract)
    form = IntentForm(request.POST or None, initial={"document_sha256": document.sha256})
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_intent(contract, actor=request.user, document_sha256=form.cleaned_data["document_sha256"],
                                    agreed=form.cleaned_data["agree"], **_meta(request))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _go(contract, "signature")
    return _page(request, contract, "intent", "contract_sign_intent.html", form=form, document=document,
                 statement=services.signing.WORKER_INTENT_STATEMENT,
                 statement_translation=_(services.signing.WORKER_INTENT_STATEMENT))


def _png_from_data_url(value: str) -> bytes | None:
    if not value:
        return None
    prefix = "data:image/png;base64,"
    if not value.startswith(prefix):
        raise ValidationError({"signature": _("手写签名：须为 PNG 图片")}, code="not_png")
    try:
        return base64.b64decode(value[len(prefix):], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"signature": _("手写签名：图片数据已损坏")}, code="bad_data") from None


@login_required
@require_http_methods(["GET", "POST"])
def sign_signature(request, number):
    contract, response = _guard(request, number, "signature")
    if response is not None:
        return response
    intent = services.open_intent(contract, request.user)
    if not _intent_is_fresh(intent):
        messages.warning(request, _("签署意愿确认已超过 15 分钟，请重新确认"))
        return _go(contract, "intent")
    form = SignatureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_as_worker(contract, actor=request.user, intent=intent,
                                    signature_png=_png_from_data_url(form.cleaned_data["signature"]),
                                    typed_name=form.cleaned_data["typed_name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("您已完成签署"))
            return _go(contract, "done")
    return _page(request, contract, "signature", "contract_sign_signature.html", form=form)


@login_required
def sign_done(request, number):
    try:
        contract = _worker_contract(request, number)
    except PermissionDenied as exc:
        return _refused(request, LaborContract.objects.filter(number=number).first(), str(exc))
    waiting_for_seal = (contract.status == ContractStatus.SENT
                        and services.worker_may_sign_status(contract) == ContractStatus.EMPLOYER_SIGNED)
    return _page(request, contract, "done", "contract_sign_done.html", waiting_for_seal=waiting_for_seal,
                 completed=services.completed_document(contract))


@login_required
@require_POST
def sign_reject(request, number):
    contract = _worker_contract(request, number)
    form = RejectForm(request.POST)
    reason = form.data.get("reason", "")
    try:
        services.reject_contract(contract, actor=request.user, reason=reason)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _go(contract, "read")
    messages.success(request, _("已拒签，用人单位会收到您的理由"))
    return _go(contract, "done")


@login_required
def contract_pdf(request, number):
    """The contract's newest PDF (signed ones included); free for the worker at any time (guideline Art. 12)."""
    contract = LaborContract.objects.select_related("employer", "template_version").filter(number=number).first()
    if contract is None or not can(request.user, "labor_contract.contract.view", contract):
        raise Http404(_("没有找到该合同"))
    if contract.template_version_id is None and services.current_document(contract) is None:
        raise Http404(_("该纸质合同没有上传扫描件"))
    document = services.ensure_contract_pdf(contract, actor=request.user)
    services.record_contract_read(contract, actor=request.user, what="pdf", ip_address=client_ip(request))
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{contract.number}.pdf"'
    response["X-Content-SHA256"] = document.sha256
    return response


