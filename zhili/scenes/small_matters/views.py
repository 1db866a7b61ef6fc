"""Pages of the 关键小事 scene: the person's matters and claims (phone-first), the clerk's claims, the cockpit."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views, count_cell, table_result
from zhili.core.foundation.api import add_service_errors
from zhili.core.identity.api import can, require
from zhili.core.notify.api import qr_svg
from zhili.core.ui.api import Column, ListPage, export_xlsx

from . import queries, rules, services
from .catalogue import SITUATIONS
from .choices import ClaimStatus, DogLicenceStatus, LifeStage, RegistrationStatus
from .forms import ClaimFilterForm, DisputeForm, DogLicenceForm, DogVisitForm, RatingForm
from .models import DogLicence, Matter

# ------------------------------------------------------------------ service side (phone)


@login_required
def home(request):
    """The person's page: their claims first, then the matters for their situation, then the rest by stage."""
    require(request.user, "small_matters.service.use")
    stage = request.GET.get("stage", "")
    stage = stage if stage in LifeStage.values else ""
    chosen = {s for s in request.GET.getlist("s") if s in SITUATIONS}
    held = queries.situations_of(request.user)
    version = queries.catalogue_version()
    first, rest = queries.matters_for(request.user, stage=stage, chosen=chosen, held=held, version=version)
    return render(request, "small_matters/home.html", {
        "claims": queries.own_claims(request.user), "first": first, "rest": rest, "stage": stage,
        "catalogue_key": f"{version}:{stage}:{','.join(sorted(held | chosen))}",
        "stages": LifeStage, "situations": [(code, label, code in chosen or code in held)
                                            for code, label in SITUATIONS.items()]})


@login_required
def matter_detail(request, code: str):
    require(request.user, "small_matters.service.use")
    matter = get_object_or_404(Matter, code=code)
    return render(request, "small_matters/matter_detail.html", {"matter": matter})


@login_required
def claim_detail(request, pk: int):
    """One claim: the pre-filled facts to confirm, the reasons of the decision, the payment months."""
    claim = queries.claim_for(request.user, pk)
    form = DisputeForm()
    return render(request, "small_matters/claim_detail.html", {
        "claim": claim, "form": form, "payments": claim.payments.all(), **_rating_context(request, claim, "claim"),
        "may_answer": can(request.user, "small_matters.claim.answer", claim) and claim.status == ClaimStatus.NOTIFIED,
        "may_decide": can(request.user, "small_matters.claim.decide", claim) and claim.status == ClaimStatus.CONFIRMED})


@login_required
@require_POST
def claim_confirm(request, pk: int):
    claim = queries.claim_for(request.user, pk)
    try:
        services.confirm_claim(claim, actor=request.user)
    except ValidationError:
        pass  # already answered: the page shows the state it is in
    return redirect("small_matters:claim_detail", pk=claim.pk)


@login_required
@require_POST
def claim_dispute(request, pk: int):
    claim = queries.claim_for(request.user, pk)
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            services.dispute_claim(claim, actor=request.user, **form.cleaned_data)
            return redirect("small_matters:claim_detail", pk=claim.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "small_matters/claim_detail.html", {
        "claim": claim, "form": form, "payments": claim.payments.all(), "may_decide": False,
        "may_answer": can(request.user, "small_matters.claim.answer", claim)}, status=400)


def _rating_context(request, subject, kind: str) -> dict:
    rating = queries.rating_of(f"{kind}:{subject.pk}")
    finished = subject.status in (ClaimStatus.APPROVED, ClaimStatus.REJECTED, RegistrationStatus.REGISTERED,
                                  RegistrationStatus.REJECTED)
    may_rate = rating is None and finished and can(request.user, "small_matters.matter.rate", subject)
    return {"rating": rating, "rating_form": RatingForm() if may_rate else None, "rate_kind": kind}


@login_required
@require_POST
def rate(request, kind: str, pk: int):
    """The person's 好差评 of a handled claim or registration."""
    subject = queries.claim_for(request.user, pk) if kind == "claim" else queries.registration_for(request.user, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate_matter(subject, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            request.session["small_matters_error"] = "；".join(exc.messages)
    return redirect(subject.get_absolute_url())


@login_required
def residence(request):
    """Residence registration on a phone: what the platform holds, confirmed with one button (nothing to fill)."""
    require(request.user, "small_matters.service.use")
    error, held = "", None
    try:
        held = services.prepare_residence_registration(request.user)
    except ValidationError as exc:
        error = "；".join(exc.messages)
    if request.method == "POST" and held is not None:
        try:
            registration = services.submit_residence_registration(facts=held, actor=request.user)
            return redirect(registration.get_absolute_url())
        except ValidationError as exc:
            error = "；".join(exc.messages)
    return render(request, "small_matters/residence.html", {
        "held": held, "error": error, "registrations": queries.visible_registrations(request.user)
        .filter(person=request.user)})


@login_required
def residence_detail(request, pk: int):
    registration = queries.registration_for(request.user, pk)
    permit_months = rules.parameter("residence_permit_months", registration.moved_in_on).value
    permit_from = services.add_months(registration.moved_in_on, permit_months)
    return render(request, "small_matters/residence_detail.html", {
        "registration": registration, "permit_from": permit_from, "permit_months": permit_months,
        "holder_photo": registration.status == RegistrationStatus.REGISTERED
        and services.photo_available(registration.person, "residence_permit"),
        "may_decide": can(request.user, "small_matters.residence.decide", registration)
        and registration.status == RegistrationStatus.SUBMITTED,
        **_rating_context(request, registration, "residence")})


@login_required
def residence_queue(request):
    """The police station's queue of residence registrations in its region."""
    require(request.user, "small_matters.residence.view")
    registrations = queries.visible_registrations(request.user)
    status = request.GET.get("status", RegistrationStatus.SUBMITTED)
    if status in RegistrationStatus.values:
        registrations = registrations.filter(status=status)
    listing = ListPage(request, registrations, columns=[Column("moved", _("入住日期"), sort="moved_in_on")],
                       default_sort="id")
    return render(request, "small_matters/residence_queue.html", {"listing": listing, "status": status,
                                                                    "statuses": RegistrationStatus})


@login_required
@require_POST
def residence_decide(request, pk: int):
    registration = queries.registration_for(request.user, pk)
    try:
        services.decide_residence_registration(registration, approve=request.POST.get("decision") == "approve",
                                               actor=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        request.session["small_matters_error"] = "；".join(exc.messages)
    return redirect(registration.get_absolute_url())


@login_required
def dogs(request):
    """The owner's dog licences and the one application form (the booking comes with it)."""
    require(request.user, "small_matters.service.use")
    form = DogLicenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            licence = services.apply_dog_licence(actor=request.user, **form.cleaned_data)
            return redirect(licence.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "small_matters/dogs.html", {
        "form": form, "licences": DogLicence.objects.filter(person=request.user).select_related("region")})


def _dog_for(user, pk: int) -> DogLicence:
    licence = get_object_or_404(DogLicence.objects.select_related("region"), pk=pk)
    if not can(user, "small_matters.dog.view", licence):
        raise Http404("没有这项犬只登记")
    return licence


@login_required
def dog_detail(request, pk: int):
    licence = _dog_for(request.user, pk)
    qr = ""
    if licence.status == DogLicenceStatus.APPROVED and licence.person_id == request.user.pk:
        url = request.build_absolute_uri(reverse("small_matters:dog_visit", args=[services.visit_token(licence)]))
        qr = qr_svg(url, scale=5)
    return render(request, "small_matters/dog_detail.html", {
        "licence": licence, "qr": qr,
        "holder_photo": licence.status == DogLicenceStatus.LICENSED and services.photo_available(licence.person,
                                                                                                 "dog_licence"),
        "may_review": can(request.user, "small_matters.dog.review", licence)
        and licence.status == DogLicenceStatus.SUBMITTED})


@login_required
def dog_queue(request):
    require(request.user, "small_matters.dog.view")
    from zhili.core.identity.api import filter_by_scope

    licences = filter_by_scope(request.user, DogLicence.objects.select_related("region"))
    status = request.GET.get("status", DogLicenceStatus.SUBMITTED)
    if status in DogLicenceStatus.values:
        licences = licences.filter(status=status)
    listing = ListPage(request, licences, columns=[Column("visit", _("预约日期"), sort="visit_on")], default_sort="id")
    return render(request, "small_matters/dog_queue.html", {"listing": listing, "statuses": DogLicenceStatus})


@login_required
@require_POST
def dog_review(request, pk: int):
    licence = _dog_for(request.user, pk)
    try:
        services.review_dog_licence(licence, approve=request.POST.get("decision") == "approve", actor=request.user,
                                    note=request.POST.get("note", ""))
    except ValidationError as exc:
        request.session["small_matters_error"] = "；".join(exc.messages)
    return redirect(licence.get_absolute_url())


@login_required
def dog_visit(request, token: str):
    """The pet hospital scans the owner's QR: immunisation, chip and registration recorded in one visit."""
    try:
        licence = services.licence_for_token(token)
    except ValidationError:
        raise Http404("预约码无效") from None
    if not can(request.user, "small_matters.dog.visit", licence):
        raise Http404("预约码无效")
    form = DogVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            licence = services.record_dog_visit(licence, actor=request.user, **form.cleaned_data)
            return redirect(licence.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "small_matters/dog_visit.html", {"licence": licence, "form": form})


@login_required
def invoice_check(request):
    """Upload an invoice (photo, scan or PDF): its type, the fields with a score each, the checks and the QR code."""
    from .invoice_verify import verify
    from .invoices import read_invoice_upload
    from .ocr import MAX_BYTES, ImageRejected

    require(request.user, "small_matters.service.use")
    reading = None
    if request.method == "POST":
        upload = request.FILES.get("invoice")
        error = None
        if upload is None:
            error = _("发票文件：请选择一张发票照片（JPEG、PNG）或 PDF")
        elif upload.size > MAX_BYTES:
            error = _("发票文件：不能超过 {mb} MB").format(mb=MAX_BYTES // (1024 * 1024))
        else:
            try:
                reading = read_invoice_upload(upload.read())
            except ImageRejected as exc:
                error = _("发票文件：{rule}").format(rule=exc)
        if error:
            return render(request, "small_matters/invoice_check.html", {"error": error}, status=400)
    verification = verify(reading) if reading is not None and reading.usable else None
    return render(request, "small_matters/invoice_check.html", {"reading": reading, "verification": verification})


# ------------------------------------------------------------------ governance side

CLAIM_COLUMNS = [
    Column("name", _("姓名")), Column("region", _("参保地"), sort="region__code"),
    Column("stop", _("停保日期"), sort="stop_date"), Column("months", _("月数"), sort="months"),
    Column("amount", _("月标准（元）"), sort="monthly_amount"), Column("status", _("状态"), sort="status"),
]


@login_required
def claim_list(request):
    """The clerk's claims in their region: filters, state counts, pagination, XLSX export, run detection."""
    require(request.user, "small_matters.claim.view")
    claims = queries.visible_claims(request.user)
    board = [(ClaimStatus(s), n) for s, n in queries.status_counts(claims).items()]
    form = ClaimFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("status"):
        claims = claims.filter(status=filters["status"])
    if filters.get("stop_from"):
        claims = claims.filter(stop_date__gte=filters["stop_from"])
    if filters.get("stop_to"):
        claims = claims.filter(stop_date__lte=filters["stop_to"])
    listing = ListPage(request, claims, columns=CLAIM_COLUMNS, default_sort="-id", per_page=20)
    if listing.wants_export:
        header = [_("姓名"), _("参保地"), _("原单位"), _("停保日期"), _("状态"), _("月数"), _("月标准（元）"), _("判断")]
        rows = ([c.masked_name, c.region.name, c.facts.get("employer_name", ""), c.stop_date, c.status_choice.label,
                 c.months, c.monthly_amount, c.decision.get("summary", "")] for c in listing.queryset)
        return export_xlsx(request, what="small_matters.claims", title=_("失业保险金主动办理"), header=header, rows=rows)
    return render(request, "small_matters/claim_list.html", {
        "listing": listing, "form": form, "board": board,
        "may_detect": can(request.user, "small_matters.benefit.detect")})


@login_required
@require_POST
def claim_detect(request):
    require(request.user, "small_matters.benefit.detect")
    report = services.detect_unemployment_benefits(actor=request.user)
    request.session["small_matters_detected"] = {"eligible": report.eligible, "not_qualified": report.not_qualified,
                                                 "already_known": report.already_known}
    return redirect("small_matters:claim_list")


@login_required
@require_POST
def claim_decide(request, pk: int):
    claim = queries.claim_for(request.user, pk)
    try:
        services.decide_claim(claim, approve=request.POST.get("decision") == "approve", actor=request.user,
                              note=request.POST.get("note", ""))
    except ValidationError as exc:
        request.session["small_matters_error"] = "；".join(exc.messages)
    return redirect("small_matters:claim_detail", pk=claim.pk)


# ------------------------------------------------------------------ cockpit

def _figure(value, display: str = "") -> dict:
    """A figure about matters, not people (no small-cell suppression)."""
    return {"value": value, "n": None, "display": display or f"{value:,}", "suppressed": False}


def _percent(share) -> dict:
    return _figure(None if share is None else round(share * 100, 1), "—" if share is None else f"{share:.1%}")


def _analyses(user) -> dict:
    claims = queries.visible_claims(user)
    status_rows = [[str(ClaimStatus(s).label), count_cell(n)] for s, n in queries.status_counts(claims).items()]
    figures = queries.catalogue_figures()
    rate = queries.satisfaction()["good_rate"]
    stage_rows = [[str(stage.label), _figure(figures["per_stage"].get(stage.value, 0))] for stage in LifeStage]
    from django.utils import timezone

    monitor = queries.service_monitoring(timezone.localdate())
    per_day = [[f"{row['day']:%m-%d}", _figure(row["visits"]), _figure(row["handled"])] for row in monitor["per_day"]]
    per_matter = [[row["matter"].name, _figure(row["visits"]), _figure(row["handled"]),
                   _percent(row["good_rate"]), _percent(row["matter"].materials_cut), _percent(row["matter"].time_cut)]
                  for row in monitor["per_matter"]]
    finding_rows = [[name, count_cell(n)] for name, n in queries.findings_per_matter(user)]
    return {
        "monitor_daily": table_result("monitor_daily", "每日访问量和办件量", ["日期", "访问量", "办件量"], per_day,
                                      chart="line", note=f"近 {monitor['days']} 日，来源：政务服务事项每日办件统计"),
        "monitor_matters": table_result(
            "monitor_matters", "各事项访问、办件、好评率和减材料减时间",
            ["事项", "访问量", "办件量", "好评率", "材料精简率", "时间压缩率"], per_matter, chart="table",
            note=f"近 {monitor['days']} 日；精简率和压缩率按事项目录的改革前后材料数和时限计算"),
        "findings": table_result("findings", "体验员发现（按事项）", ["事项", "发现数"], finding_rows, chart="hbar"),
        "headline": table_result("headline", "关键小事总览", ["指标", "数值"], [
            ["日均访问量", _figure(None if monitor["visits_per_day"] is None else round(monitor["visits_per_day"]),
                              "—" if monitor["visits_per_day"] is None else f"{monitor['visits_per_day']:,.0f}")],
            ["日均办件量", _figure(None if monitor["handled_per_day"] is None else round(monitor["handled_per_day"]),
                              "—" if monitor["handled_per_day"] is None else f"{monitor['handled_per_day']:,.0f}")],
            ["好评率（全部渠道）", _percent(monitor["good_rate"])],
            ["事项数", _figure(figures["matters"])],
            ["材料精简率", _figure(round(figures["materials_cut"] * 100, 1), f"{figures['materials_cut']:.1%}")],
            ["时间压缩率", _figure(round(figures["time_cut"] * 100, 1), f"{figures['time_cut']:.1%}")],
            ["失业保险金主动发现", count_cell(claims.exclude(status=ClaimStatus.NOT_QUALIFIED).count())],
            ["居住登记（零材料、零签名）", count_cell(queries.visible_registrations(user).count())],
            ["好评率（本平台评价）", _figure(None if rate is None else round(rate * 100, 1),
                            "—" if rate is None else f"{rate:.1%}")],
        ]),
        "ratings": table_result("ratings", "各事项好评率（差者在前）", ["事项", "评价数", "好评率"], [
            [m.name, count_cell(n), _figure(round(r * 100, 1), f"{r:.1%}")]
            for m, n, r in queries.satisfaction_per_matter()], chart="hbar", series_columns=[2]),
        "stages": table_result("stages", "各人生阶段事项数", ["阶段", "事项数"], stage_rows, chart="bar"),
        "claims": table_result("claims", "失业保险金办理状态", ["状态", "人数"], status_rows, chart="pie"),
    }


# The cockpit page, its JSON data and the XLSX export of one analysis (core.dashboards.cockpit_views).
cockpit, cockpit_data, cockpit_export = cockpit_views(
    "small_matters.overview", permission="small_matters.cockpit.view", analyses=lambda request: _analyses(request.user))


# ------------------------------------------------------------------ experience officers (体验员)

@login_required
def findings(request):
    """An experience officer's findings and the form to file one (phone); 发改委's officer sees the region's."""
    from .forms import FindingForm

    require(request.user, "small_matters.finding.view")
    may_file = can(request.user, "small_matters.finding.file")
    form = FindingForm(request.POST or None, request.FILES or None) if may_file else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            finding = services.file_finding(actor=request.user, **form.cleaned_data)
            return redirect(finding.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "small_matters/findings.html", {
        "form": form, "findings": queries.visible_findings(request.user)[:50]},
        status=400 if request.method == "POST" else 200)


@login_required
def finding_detail(request, pk: int):
    """One finding with its case: the state, the deadline, and the department's answer once given."""
    finding = queries.finding_for(request.user, pk)
    return render(request, "small_matters/finding_detail.html", {"finding": finding, "case": finding.case})


# ------------------------------------------------------------------ one photo, many certificates

@login_required
def photo(request):
    """The person's certified photo: store or replace it, consent per matter (revocable), and the use log."""
    from .forms import PhotoForm
    from .models import CertifiedPhoto, PhotoUse

    require(request.user, "small_matters.service.use")
    form = PhotoForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "upload":
                form = PhotoForm(request.POST, request.FILES)
                if form.is_valid():
                    services.store_photo(form.cleaned_data["photo"], actor=request.user)
                    return redirect("small_matters:photo")
            elif action == "grant":
                services.grant_photo_consent(request.POST.get("matter", ""), actor=request.user)
                return redirect("small_matters:photo")
            elif action == "revoke":
                services.revoke_photo_consent(request.POST.get("matter", ""), actor=request.user)
                return redirect("small_matters:photo")
        except ValidationError as exc:
            add_service_errors(form, exc)
    held = CertifiedPhoto.objects.filter(person=request.user).only("sha256", "width", "height", "updated_at").first()
    consented = services.consented_matters(request.user)
    matters = [(m, m.code in consented) for m in Matter.objects.filter(code__in=services.PHOTO_MATTERS)]
    return render(request, "small_matters/photo.html", {
        "form": form, "held": held, "matters": matters,
        "uses": PhotoUse.objects.filter(person=request.user).select_related("matter", "actor")[:50]},
        status=400 if request.method == "POST" else 200)


def _jpeg(data: bytes):
    from django.http import HttpResponse

    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def photo_image(request):
    """The person's own photo (the read logged)."""
    data = services.own_photo(request.user, actor=request.user)
    if data is None:
        raise Http404("没有证件照")
    return _jpeg(data)


@login_required
def certificate_photo(request, kind: str, pk: int):
    """The holder's photo on what a matter issued (a dog licence, a residence registration): only with the
    holder's live consent for that matter, every reuse logged; 404 otherwise, as for what one may not see."""
    if kind == "dog":
        subject, matter_code = _dog_for(request.user, pk), "dog_licence"
        issued = subject.status == DogLicenceStatus.LICENSED
    elif kind == "residence":
        subject, matter_code = queries.registration_for(request.user, pk), "residence_permit"
        issued = subject.status == RegistrationStatus.REGISTERED
    else:
        raise Http404("没有这种证照")
    data = services.reuse_photo(subject.person, matter_code, subject=f"{kind}:{pk}", actor=request.user) \
        if issued else None
    if data is None:
        raise Http404("没有可用的证件照")
    return _jpeg(data)
