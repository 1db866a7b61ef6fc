"""Pages: HR's status board, form, batch upload and detail; the worker's "我的合同"; the department's region lists.

Views only read through ``queries`` and write through ``services``.
"""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import add_service_errors, xlsx_response
from zhili.core.identity.api import Role, can, has_role, organizations_of, require
from zhili.core.ui.api import (
    BulkAction,
    Column,
    ListPage,
    TimelineEntry,
    audit_timeline,
    export_xlsx,
    merged,
    person,
)

from .. import documents, importing, queries, services
from ..choices import CONCLUDED_STATUSES, REVOCABLE_STATUSES, BatchKind, ContractStatus, DocumentKind
from ..forms import ContractForm, FilterForm, RevokeForm, UploadForm
from ..models import LaborContract, SendBatch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 20


def _xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    return xlsx_response(content, file_name)


def _employer(request):
    """The organisation the HR user acts for (``?employer=<id>`` picks one when they serve several)."""
    memberships = request.user.memberships.filter(is_active=True, role=Role.EMPLOYER_ADMIN).select_related("organization")
    wanted = request.GET.get("employer") or request.POST.get("employer")
    for membership in memberships:
        if not wanted or str(membership.organization_id) == wanted:
            return membership.organization
    raise PermissionDenied(_("只有用人单位管理员可以使用此页面"))


def _export(request, queryset, title) -> HttpResponse:
    """The list as XLSX, with ID numbers and phones masked; who exported which list is audited."""
    header = [_("合同编号"), _("用人单位"), _("劳动者"), _("身份证号码"), _("手机号码"), _("岗位"), _("期限类型"),
              _("开始日期"), _("终止日期"), _("月工资（元）"), _("状态"), _("发送时间")]
    rows = ([c.number, c.employer.name, c.worker_name, c.masked_id_number, c.masked_phone, c.job_title,
             c.get_term_type_display(), c.start_date, c.end_date, c.monthly_wage, c.get_status_display(), c.sent_at]
            for c in queryset.iterator(chunk_size=2000))
    return export_xlsx(request, what="labor_contract.contracts", title=_("劳动合同"), header=header, rows=rows,
                       file_name=f"{title}.xlsx")


LIST_COLUMNS = [
    Column("number", _("合同编号"), sort="number"), Column("employer", _("用人单位"), sort="employer__name"),
    Column("worker", _("劳动者"), sort="worker_name"), Column("job", _("岗位"), sort="job_title"),
    Column("start", _("开始日期"), sort="start_date"), Column("status", _("状态"), sort="status"),
]


def _send_one(request, contract):
    services.send_contracts([contract], actor=request.user)


def _seal_one(request, contract):
    from zhili.core.foundation.api import client_ip

    # The confirmation page the person pressed is the seal's confirmation (确认以本单位名义加盖电子印章).
    services.apply_seal(contract, actor=request.user, confirmed=True, ip_address=client_ip(request),
                        user_agent=request.META.get("HTTP_USER_AGENT", ""))


def _hr_bulk(user) -> list[BulkAction]:
    """HR's bulk actions on the contract list: 一键发约 for drafts, 批量盖章 for contracts awaiting the seal."""
    from ..permissions import EMPLOYER_ROLES

    sealers = set(organizations_of(user, *EMPLOYER_ROLES))  # the employers whose seal the person keeps (as apply_seal)
    return [
        BulkAction("send", _("一键发约"), apply=_send_one,
                   eligible=lambda c: "" if c.status == ContractStatus.DRAFT else _("只能发送草稿"),
                   allowed=lambda u: has_role(u, Role.EMPLOYER_ADMIN),
                   confirm=_("向选中的 {n} 名劳动者发送签署短信？发出后合同不能再修改。"),
                   done=_("已向 {n} 名劳动者发送签署短信")),
        BulkAction("seal", _("批量盖章"), apply=_seal_one,
                   eligible=lambda c: ("" if c.status == services.employer_may_seal_status(c)
                                       and c.employer_id in sealers else _("现在不能盖章")),
                   confirm=_("以本单位名义为选中的 {n} 份合同加盖电子印章？盖章与逐份盖章效力相同，每份合同单独签名并记录。"),
                   done=_("已为 {n} 份合同加盖电子印章")),
    ]


def _list_page(request, queryset, *, title: str, template: str = "labor_contract/contract_list.html", **extra):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    board = queries.status_counts(queryset)
    scoped = queryset
    queryset = queries.filter_contracts(queryset, **{k: v for k, v in filters.items() if v})
    bulk = _hr_bulk(request.user) if extra.get("is_hr") else []
    if bulk:
        queryset = queryset.select_related("template_version")  # each row's 盖章 eligibility reads its signing order
    listing = ListPage(request, queryset, columns=LIST_COLUMNS, default_sort="-id", per_page=PAGE_SIZE, bulk=bulk,
                       key="number", row_label=lambda c: f"{c.number} {c.worker_name}")
    if listing.bulk_requested:
        listing.base_queryset = scoped.select_related("employer", "template_version")
        return listing.bulk_response(what="labor_contract.contracts")
    if listing.wants_export:
        return _export(request, listing.queryset, title)
    return render(request, template, {"title": title, "form": form, "listing": listing, "page": listing.page,
                                      "board": board, **extra})


# ---------------------------------------------------------------- HR

@login_required
def contract_list(request):
    """HR's status board; a worker or a department user is sent to their own list."""
    if not queries.employers_of(request.user):
        if has_role(request.user, Role.OFFICER, Role.INSPECTOR, Role.MEDIATOR):
            return redirect("labor_contract:region")
        return redirect("labor_contract:mine")
    return _list_page(request, queries.employer_contracts(request.user), title=_("劳动合同"), is_hr=True)


@login_required
def contract_create(request):
    employer = _employer(request)
    require(request.user, "labor_contract.contract.create", employer)
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.create_contract(form.cleaned_data, employer=employer, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("合同 {number} 已创建为草稿").format(number=contract.number))
            return redirect(contract)
    return render(request, "labor_contract/contract_form.html", {"form": form, "employer": employer})


def _upload(request, kind: str):
    employer = _employer(request)
    require(request.user, "labor_contract.batch.import", employer)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        options = {}
        if kind == BatchKind.NEW_CONTRACTS:
            service = services.import_contract_batch
        else:
            service = services.import_existing_contracts
            if form.cleaned_data.get("scans"):
                options["scans"] = form.cleaned_data["scans"]
        try:
            result = service(form.cleaned_data["file"], employer=employer, actor=request.user, **options)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error("scans" if field == "scans" else "file", error)
        else:
            return redirect(result.batch)
    batches = queries.batches_of(request.user).filter(kind=kind)[:10]
    return render(request, "labor_contract/batch_upload.html",
                  {"form": form, "batches": batches, "kind": BatchKind(kind), "employer": employer})


@login_required
def batch_upload(request):
    return _upload(request, BatchKind.NEW_CONTRACTS)


@login_required
def existing_upload(request):
    return _upload(request, BatchKind.EXISTING_CONTRACTS)


@login_required
def batch_template(request):
    return _xlsx_response(importing.template_workbook(importing.NEW_CONTRACT_COLUMNS, importing.EXAMPLE_ROW),
                          "劳动合同批量导入模板.xlsx")


@login_required
def existing_template(request):
    return _xlsx_response(importing.template_workbook(importing.EXISTING_CONTRACT_COLUMNS), "存量劳动合同录入模板.xlsx")


def _batch(request, pk) -> SendBatch:
    return get_object_or_404(queries.batches_of(request.user), pk=pk)


@login_required
def batch_detail(request, pk):
    batch = _batch(request, pk)
    drafts = batch.contracts.filter(status=ContractStatus.DRAFT).count()
    return render(request, "labor_contract/batch_detail.html",
                  {"batch": batch, "drafts": drafts, "contracts": batch.contracts.order_by("id")[:200],
                   "finished": bool(batch.result_sheet), "rejected": queries.rejected_rows(batch, limit=200)})


@login_required
def batch_result(request, pk):
    batch = _batch(request, pk)
    return _xlsx_response(bytes(batch.result_sheet), f"导入结果-{batch.pk}.xlsx")


@login_required
@require_POST
def batch_send(request, pk):
    batch = _batch(request, pk)
    sent = services.send_contracts(batch.contracts.filter(status=ContractStatus.DRAFT), actor=request.user)
    messages.success(request, _("已向 {n} 名劳动者发送签署短信").format(n=len(sent)))
    return redirect(batch)


@login_required
@require_POST
def send_selected(request):
    contracts = queries.employer_contracts(request.user).filter(number__in=request.POST.getlist("number"))
    sent = services.send_contracts(contracts, actor=request.user)
    messages.success(request, _("已向 {n} 名劳动者发送签署短信").format(n=len(sent)))
    return redirect("labor_contract:list")


# ---------------------------------------------------------------- one contract

def _contract(request, number) -> LaborContract:
    contract = LaborContract.objects.select_related("employer", "template_version").filter(number=number).first()
    if contract is None or not can(request.user, "labor_contract.contract.view", contract):
        raise Http404(_("没有找到该合同"))
    return contract


# The signing steps the audit log keeps about a contract, in the words the timeline shows (other entries, such as
# reads and rendering, are not steps of the contract and stay off it).
SIGNING_STEPS = {
    "labor_contract.signing.identity_confirmed": gettext_lazy("劳动者完成实名认证"),
    "labor_contract.signing.disclosure_acknowledged": gettext_lazy("劳动者确认已阅读告知事项"),
    "labor_contract.signing.intent_confirmed": gettext_lazy("劳动者确认签署意愿"),
    "labor_contract.seal.placed": gettext_lazy("设置盖章位置"),
    "labor_contract.document.archive_renewed": gettext_lazy("归档文件时间戳续期"),
}


def _history(contract) -> list[TimelineEntry]:
    """Who did what when: the contract's status changes and its signing steps from the audit log."""
    changes = [TimelineEntry(h.created_at, person(h.actor),
                             f"{h.get_from_status_display() or '—'} → {h.get_to_status_display()}", note=h.note,
                             colour=ContractStatus(h.to_status).colour)
               for h in contract.status_changes.select_related("actor")]
    return merged(changes, audit_timeline(contract, labels=SIGNING_STEPS))


@login_required
def contract_detail(request, number):
    from zhili.core.foundation.api import client_ip

    from ..permissions import is_contract_phone, keeps_the_seal

    contract = _contract(request, number)
    services.record_contract_read(contract, actor=request.user, what="detail", ip_address=client_ip(request))
    context = {
        "contract": contract,
        "html": documents.render_contract_html(contract),
        "can_seal": (keeps_the_seal(request.user, contract.employer)
                     and contract.status == services.employer_may_seal_status(contract)),
        "can_sign": (is_contract_phone(request.user, contract)
                     and contract.status == services.worker_may_sign_status(contract)),
        # A paper contract has a PDF only when its scan was uploaded; an electronic one once it was sent.
        "has_pdf": (contract.documents.exists() if contract.template_version_id is None
                    else contract.status != ContractStatus.DRAFT),
        "history": _history(contract),
        "can_send": contract.status == ContractStatus.DRAFT and can(request.user, "labor_contract.contract.send", contract),
        "can_revoke": contract.status in REVOCABLE_STATUSES and can(request.user, "labor_contract.contract.revoke", contract),
        "revoke_form": RevokeForm(),
        "can_resend": (contract.status in (services.worker_may_sign_status(contract), ContractStatus.EXPIRED)
                       and contract.status != ContractStatus.DRAFT
                       and can(request.user, "labor_contract.contract.send", contract)),
        "can_follow_up": (contract.status in CONCLUDED_STATUSES and contract.document_kind == DocumentKind.CONTRACT
                          and keeps_the_seal(request.user, contract.employer)),
        "has_certificate": hasattr(contract, "termination_certificate"),
        "successors": contract.successors.all(),
    }
    return render(request, "labor_contract/contract_detail.html", context)


@login_required
@require_POST
def contract_send(request, number):
    contract = _contract(request, number)
    services.send_contracts([contract], actor=request.user)
    messages.success(request, _("签署短信已发送"))
    return redirect(contract)


@login_required
@require_POST
def contract_revoke(request, number):
    contract = _contract(request, number)
    form = RevokeForm(request.POST)
    form.is_valid()
    try:
        services.revoke_contract(contract, actor=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("合同已撤回"))
    return redirect(contract)


# ---------------------------------------------------------------- worker and department

@login_required
def my_contracts(request):
    contracts = queries.worker_contracts(request.user).order_by("-start_date")
    return render(request, "labor_contract/contract_mine.html",
                  {"contracts": contracts, "signable": {ContractStatus.SENT, ContractStatus.EMPLOYER_SIGNED}})


@login_required
def region_list(request):
    require(request.user, "labor_contract.region.supervise")
    today = timezone.localdate()
    contracts = queries.region_contracts(request.user)
    return _list_page(request, contracts, title=_("辖区劳动合同"), is_region=True,
                      overdue_count=queries.overdue_unsigned(contracts, today).count(),
                      expiring_count=queries.expiring(contracts, today).count())


@login_required
def region_overdue(request):
    require(request.user, "labor_contract.region.supervise")
    contracts = queries.overdue_unsigned(queries.region_contracts(request.user), timezone.localdate())
    return _list_page(request, contracts, title=_("逾期未签合同"), is_region=True)


@login_required
def region_expiring(request):
    require(request.user, "labor_contract.region.supervise")
    contracts = queries.expiring(queries.region_contracts(request.user), timezone.localdate())
    return _list_page(request, contracts, title=_("即将到期合同"), is_region=True)
