"""HTTP views: the RFC 3161 TSA, CRLs and CA certificates, the verification page (all public), evidence reports."""

from django.apps import apps
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import tsa as tsa_module
from .services import ensure_platform_ca

TSA_QUERY = "application/timestamp-query"
TSA_REPLY = "application/timestamp-reply"


@csrf_exempt
def tsa(request):
    """RFC 3161 over HTTP (§3.4): POST a DER TimeStampReq, get a DER TimeStampResp."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip()
    if content_type != TSA_QUERY:
        return HttpResponse("Content-Type 必须为 application/timestamp-query", status=415,
                            content_type="text/plain; charset=utf-8")
    body = request.body
    if len(body) > tsa_module.MAX_REQUEST_BYTES:
        return HttpResponse("时间戳请求过大", status=413, content_type="text/plain; charset=utf-8")
    return HttpResponse(tsa_module.responder().respond_der(body), content_type=TSA_REPLY)


@require_GET
def crl(request, scope: str):
    """The current DER CRL of the root ("root") or the issuing CA ("issuing")."""
    if scope not in ("root", "issuing"):
        raise Http404("没有这个证书吊销列表")
    response = HttpResponse(ensure_platform_ca().crl(scope), content_type="application/pkix-crl")
    response["Cache-Control"] = "max-age=300"
    return response


@require_GET
def root_certificate(request):
    """The platform root certificate (PEM) that validators install as their trust anchor."""
    from . import ca

    response = HttpResponse(ca.to_pem(ensure_platform_ca().root_cert), content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="zhili-root.pem"'
    return response


@require_GET
def chain(request):
    """The issuing CA and root certificates (PEM), e.g. for ``openssl ts -verify -CAfile``."""
    return HttpResponse(ensure_platform_ca().chain_pem(), content_type="application/x-pem-file")


@login_not_required
@require_http_methods(["GET", "POST"])
def verify_upload(request):
    """Anyone uploads a signed PDF and sees, per signature, who signed, when, whether it still holds, and the
    ledger's proof (``public.verify_for_anyone``: nothing kept, nothing shown the file does not contain)."""
    from django.utils.translation import gettext as _

    from . import public

    report, error, status = None, "", 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error, status = _("文件：请选择要验证的 PDF 文件"), 400
        elif upload.size > public.MAX_PDF_BYTES:
            error, status = _("文件：PDF 不能超过 20 MB"), 400
        else:
            try:
                public.take_turn(public.client_address(request))
            except public.TooManyVerifications as exc:
                error, status = str(exc), 429
            else:
                report = public.verify_for_anyone(upload.read())
                error = report["error"]
    return render(request, "esign/verification_form.html", {"report": report, "error": error}, status=status)


def evidence_subject(subject_type: str, subject_id: str, user=None):
    """Return the model instance named by ``app_label.model_name`` and its primary key; raise Http404 if none.

    A subject is a person or an organisation, or something the ledger holds evidence about (not any row of
    any model); with ``user``, one they may not export evidence for is "not found" too, so the page tells
    nobody which rows exist.
    """
    from zhili.core.identity.permissions import can
    from zhili.core.ledger import api as ledger

    try:
        model = apps.get_model(subject_type)
    except (LookupError, ValueError) as exc:
        raise Http404("证据对象不存在") from exc
    try:
        subject = model._default_manager.get(pk=subject_id)
    except (ObjectDoesNotExist, ValueError, ValidationError) as exc:
        raise Http404("证据对象不存在") from exc
    if user is not None and not can(user, "esign.evidence.export", subject):
        raise Http404("证据对象不存在")
    if model._meta.label_lower not in PARTY_SUBJECTS and not ledger.entries_for(subject).exists():
        raise Http404("证据对象不存在")
    return subject


PARTY_SUBJECTS = {"identity.user", "orgs.organization"}


def pdf_download(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def evidence_export(request, subject_type: str, subject_id: str):
    """出证: GET shows what will be issued; POST issues the platform-signed evidence report and downloads it."""
    from .evidence import evidence_report

    subject = evidence_subject(subject_type, subject_id, request.user)
    if request.method == "GET":
        return render(request, "esign/evidence_export.html", {"subject": subject, "subject_type": subject_type})
    pdf = evidence_report(subject, actor=request.user)
    return pdf_download(pdf, f"evidence-{subject_type}-{subject.pk}.pdf")
