"""HR pages for the company seal: upload the image, drag it into place on the signature page, apply it;
and the printable sheet of QR codes for on-site signing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhili.core.foundation.api import add_service_errors, client_ip
from zhili.core.identity.api import Role

from .. import documents, queries, services
from ..choices import ContractStatus
from ..forms import SealForm, SealUploadForm
from ..models import LaborContract
from ..permissions import EMPLOYER_ROLES, keeps_the_seal


def _seal_employer(request):
    """The organisation whose seal the user keeps (``?employer=<id>`` picks one when there are several)."""
    memberships = (request.user.memberships.filter(is_active=True, role__in=EMPLOYER_ROLES)
                   .select_related("organization"))
    wanted = request.GET.get("employer") or request.POST.get("employer")
    for membership in memberships:
        if not wanted or str(membership.organization_id) == wanted:
            return membership.organization
    raise PermissionDenied(_("只有用人单位的单位管理员或印章管理员可以使用此页面"))


@login_required
@require_http_methods(["GET", "POST"])
def seal_settings(request):
    employer = _seal_employer(request)
    form = SealUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_seal(employer, form.cleaned_data["image"], actor=request.user)
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error("image", error)
        else:
            messages.success(request, _("印章图片已保存"))
            return redirect("labor_contract:seal_settings")
    return render(request, "labor_contract/seal_settings.html",
                  {"form": form, "employer": employer, "seal": services.active_seal(employer)})


@login_required
def seal_image(request):
    employer = _seal_employer(request)
    seal = services.active_seal(employer)
    if seal is None:
        raise Http404(_("本单位尚未上传印章图片"))
    return HttpResponse(bytes(seal.image), content_type="image/png")


def _sealable(request, number) -> LaborContract:
    contract = LaborContract.objects.select_related("employer", "template_version").filter(number=number).first()
    if contract is None or not keeps_the_seal(request.user, contract.employer):
        raise Http404(_("没有找到该合同"))
    return contract


@login_required
def contract_seal_preview(request, number):
    """The last page (the signature page) of the contract's current PDF as a PNG, one pixel per point."""
    contract = _sealable(request, number)
    document = services.ensure_contract_pdf(contract, actor=request.user)
    pdf = bytes(document.pdf)
    services.record_contract_read(contract, actor=request.user, what="seal_preview", ip_address=client_ip(request))
    response = HttpResponse(documents.page_png(pdf, documents.page_count(pdf)), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def contract_seal(request, number):
    """Drag the seal on the signature page preview; save the spot (kept per template version) or apply the seal."""
    contract = _sealable(request, number)
    page, x, y, size = services.seal_placement(contract)
    form = SealForm(request.POST or None, initial={"x": x, "y": y, "size": size})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.place_seal(contract.employer, contract.template_version, x=data["x"], y=data["y"],
                                size=data["size"] or 120, page=page, actor=request.user)
            if request.POST.get("action") == "apply":
                services.apply_seal(contract, actor=request.user, confirmed=data["confirm"],
                                    ip_address=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", ""))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.POST.get("action") == "apply":
                contract.refresh_from_db()
                messages.success(request, _("已加盖电子印章，合同状态：{status}").format(status=contract.get_status_display()))
                return redirect(contract)
            messages.success(request, _("盖章位置已保存（本单位使用此模板版本的合同都盖在这里）"))
            return redirect("labor_contract:seal", number=contract.number)
    context = {
        "contract": contract, "form": form, "seal": services.active_seal(contract.employer),
        "page_width": documents.PAGE_WIDTH_PT, "page_height": documents.PAGE_HEIGHT_PT,
        "may_apply": contract.status == services.employer_may_seal_status(contract),
    }
    return render(request, "labor_contract/contract_seal.html", context)


@login_required
def qr_sheet(request):
    """A printable sheet of QR codes, one per contract awaiting the worker, for on-site signing (现场扫码签署)."""
    from zhili.core.notify.api import qr_svg

    if not request.user.memberships.filter(is_active=True, role=Role.EMPLOYER_ADMIN).exists():
        raise PermissionDenied(_("只有用人单位管理员可以打印签署二维码"))
    contracts = (queries.employer_contracts(request.user)
                 .filter(status__in=[ContractStatus.SENT, ContractStatus.EMPLOYER_SIGNED]).exclude(sign_url=""))
    batch = request.GET.get("batch")
    if batch:
        contracts = contracts.filter(batch_id=batch)
    cards = [(c, mark_safe(qr_svg(c.sign_url, scale=4))) for c in contracts.order_by("id")[:500]]  # noqa: S308
    return render(request, "labor_contract/contract_qr_sheet.html", {"cards": cards})
