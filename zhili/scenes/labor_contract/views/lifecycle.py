"""Pages after a contract is concluded (renew, amend, terminate, the Art. 50 certificate), resend and remind,
the region's filings, and the worker's access log."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import add_service_errors, client_ip
from zhili.core.identity.api import require

from .. import queries, services
from ..forms import AmendForm, RenewForm, TerminateForm
from ..models import TerminationCertificate
from .contracts import _contract, _xlsx_response


def _action_page(request, contract, form, *, title: str, button: str, notes=()):
    return render(request, "labor_contract/contract_action_form.html",
                  {"contract": contract, "form": form, "title": title, "button": button, "notes": notes})


@login_required
@require_POST
def contract_resend(request, number):
    contract = _contract(request, number)
    service = services.remind_worker if request.POST.get("kind") == "remind" else services.resend_invitation
    try:
        service(contract, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已向劳动者发送短信"))
    return redirect(contract)


@login_required
def contract_renew(request, number):
    contract = _contract(request, number)
    require(request.user, "labor_contract.contract.create", contract.employer)
    initial = {"term_type": contract.term_type, "monthly_wage": contract.monthly_wage,
               "start_date": contract.end_date + dt.timedelta(days=1) if contract.end_date else None}
    form = RenewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            renewal = services.renew_contract(contract, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("续订合同 {number} 已创建为草稿，发送后由劳动者签署").format(number=renewal.number))
            return redirect(renewal)
    return _action_page(request, contract, form, title=_("续订劳动合同"), button=_("创建续订合同"),
                        notes=services.renewal_warnings(contract))


@login_required
def contract_amend(request, number):
    contract = _contract(request, number)
    require(request.user, "labor_contract.contract.create", contract.employer)
    form = AmendForm(request.POST or None, initial={"effective_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.amend_contract(contract, form.changes(), actor=request.user,
                                                effective_on=form.cleaned_data["effective_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("变更协议 {number} 已创建为草稿，发送后由劳动者签署").format(number=agreement.number))
            return redirect(agreement)
    return _action_page(request, contract, form, title=_("变更劳动合同（补充协议）"), button=_("创建变更协议"),
                        notes=[_("单位内部调岗请在此变更工作岗位和工作地点；调往其他单位按解除（调动）办理并由新单位订立合同。")])


@login_required
def contract_terminate(request, number):
    contract = _contract(request, number)
    form = TerminateForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.terminate_contract(contract, reason=data["reason"], ended_on=data["ended_on"], note=data["note"],
                                        confirmed=data["confirm"], actor=request.user,
                                        notice_given_on=data["notice_given_on"], pay_in_lieu=data["pay_in_lieu"],
                                        protections=data["protections"], no_protection_confirmed=data["no_protection"],
                                        ip_address=client_ip(request), user_agent=request.headers.get("User-Agent", ""))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("合同已解除或终止，证明已发送给劳动者"))
            return redirect(contract)
    return _action_page(request, contract, form, title=_("解除或终止劳动合同"), button=_("出具证明并盖章"),
                        notes=[_("出具的证明写明劳动合同期限、解除或终止日期、工作岗位和在本单位的工作年限（《劳动合同法》第五十条；"
                                 "《劳动合同法实施条例》第二十四条）。")])


@login_required
def termination_pdf(request, number):
    contract = _contract(request, number)
    certificate = get_object_or_404(TerminationCertificate, contract=contract)
    services.record_contract_read(contract, actor=request.user, what="termination_certificate",
                                  ip_address=client_ip(request))
    response = HttpResponse(bytes(certificate.pdf), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{certificate.number}.pdf"'
    return response


@login_required
def region_filings(request):
    """The filings of the department user's region; ``?format=xlsx`` or ``json`` exports them (ID numbers masked)."""
    require(request.user, "labor_contract.region.supervise")
    records = queries.region_filings(request.user)
    wanted = request.GET.get("format")
    if wanted in ("xlsx", "json"):
        from zhili.core.foundation.api import audit

        audit.record("labor_contract.filing.exported", actor=request.user, data={"format": wanted,
                                                                               "count": records.count()})
        if wanted == "json":
            response = HttpResponse(services.export_filings_json(records.iterator()), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="filings.json"'
            return response
        return _xlsx_response(services.export_filings_xlsx(records.iterator()), "劳动用工备案.xlsx")
    return render(request, "labor_contract/filing_list.html",
                  {"records": records.order_by("-id")[:200], "count": records.count()})


@login_required
def access_log(request):
    """The worker's page: every read of their contracts by someone else (on a phone)."""
    if not (getattr(request.user, "id_number_index", "") or getattr(request.user, "phone_index", "")):
        raise PermissionDenied(_("请先登录"))
    entries = queries.access_log(request.user)[:200]
    return render(request, "labor_contract/access_log.html", {"entries": entries})


