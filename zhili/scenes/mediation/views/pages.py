"""The parties' pages (phone first) and the case page, whose actions all go through ``act``."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import add_service_errors, audit, pii
from zhili.core.identity.api import Role, User, can, has_role, organizations_of

from .. import queries, services
from ..choices import Channel, MediationStatus, Session, Side
from ..forms import ApplicationForm, RealNameForm
from ..models import Agreement, Claim, Evidence, Record
from ..permissions import is_mediator, is_supervisor, keeps_committee_seal, may_enter, side_of
from ..roles import ADMIN


def _log_read(request, mediation, what: str) -> None:
    """A read of the parties' data by anyone but the parties themselves is written to the access log."""
    if side_of(request.user, mediation) is None:
        audit.record("mediation.mediation.read", actor=request.user, target=mediation, data={"what": what})


@login_required
def mine(request):
    """A party's own mediations (and the way to apply), on a phone."""
    rows = queries.visible_mediations(request.user)
    return render(request, "mediation/mine.html", {
        "rows": rows[:50], "may_apply": can(request.user, "mediation.apply")})


def _channel_for(user) -> tuple[str, dict]:
    """The door a person applies through, and what the form can fill in for them."""
    if has_role(user, Role.MEDIATOR, ADMIN):
        return Channel.WALK_IN, {}
    if has_role(user, Role.EMPLOYER_ADMIN):
        from zhili.core.orgs.api import Organization

        employer = Organization.objects.filter(pk__in=organizations_of(user, Role.EMPLOYER_ADMIN)).first()
        return Channel.EMPLOYER, {"applicant_side": Side.EMPLOYER, "employer_name": employer.name,
                                  "employer_uscc": employer.uscc, "employer_phone": user.phone,
                                  "region": employer.region_id}
    return Channel.WORKER, {"applicant_side": Side.WORKER, "worker_name": user.name, "worker_phone": user.phone}


@login_required
def apply(request):
    """申请调解: a worker for themselves, an employer's administrator, or a mediator for a walk-in."""
    if not can(request.user, "mediation.apply"):
        raise PermissionDenied(_("您没有申请调解的权限"))
    channel, initial = _channel_for(request.user)
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        if channel == Channel.WORKER:
            values.update(applicant_side=Side.WORKER, worker_phone=request.user.phone)
        elif channel == Channel.EMPLOYER:
            values.update(applicant_side=Side.EMPLOYER, employer_uscc=initial["employer_uscc"])
        try:
            mediation = services.apply_for_mediation(channel=channel, actor=request.user, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("申请已提交，案号 {n}。我们已短信邀请对方当事人。").format(n=mediation.number))
            return redirect("mediation:detail", pk=mediation.pk)
    return render(request, "mediation/apply.html", {"form": form, "channel": Channel(channel)})


@login_required
def invitation(request, pk: int):
    """Where the SMS link lands: the invited party accepts or declines; anyone else of the case goes on to it."""
    mediation = queries.mediation_for(request.user, pk)
    invited = can(request.user, "mediation.mediation.respond", mediation) and \
        mediation.status == MediationStatus.INVITED
    if not invited:
        return redirect("mediation:detail", pk=mediation.pk)
    return render(request, "mediation/invitation.html", {"m": mediation, "claims": mediation.claims.all()})


def _history(mediation):
    return audit.entries_for(mediation).order_by("id")[:200]


@login_required
def detail(request, pk: int):
    """The case page: parties (masked), claims, deadline, evidence, record, agreement, actions, history."""
    mediation = queries.mediation_for(request.user, pk)
    _log_read(request, mediation, "detail")
    user = request.user
    side = side_of(user, mediation)
    record = Record.objects.filter(mediation=mediation).first()
    agreement = Agreement.objects.filter(mediation=mediation).first()
    mediator = is_mediator(user, mediation)
    supervisor = is_supervisor(user, mediation)
    signer = services.signer_role(user, mediation)
    context = {
        "m": mediation, "side": side, "record": record, "agreement": agreement, "claims": mediation.claims.all(),
        "evidence": Evidence.objects.filter(mediation=mediation).defer("content"),
        "worker_name": pii.mask_name(mediation.worker_name) if not (side or mediator) else mediation.worker_name,
        "worker_phone": pii.mask_phone(mediation.worker_phone),
        "employer_phone": pii.mask_phone(mediation.employer_phone),
        "is_mediator": mediator, "is_supervisor": supervisor, "is_open": mediation.is_open,
        "may_respond": can(user, "mediation.mediation.respond", mediation) and mediation.status == "invited",
        "may_withdraw": mediation.is_open and can(user, "mediation.mediation.withdraw", mediation),
        "sessions": [Session(s) for s in Session.values if may_enter(user, mediation, s)],
        "signer": signer, "needs_real_name": signer and not user.is_verified,
        "may_sign": bool(agreement and signer and agreement.status == "signing" and not agreement.signed_at(signer)
                         and mediation.status == MediationStatus.MEDIATING),
        "may_seal": bool(agreement and agreement.mediator_signed_at and not agreement.sealed_at
                         and mediation.status == MediationStatus.MEDIATING and keeps_committee_seal(user, mediation)),
        "may_rate": side and mediation.status in ("settled", "failed") and
        not mediation.ratings.filter(side=side).exists(),
        "may_confirm": bool(side and record and record.text and not record.confirmed_by(side)
                            and mediation.status == MediationStatus.MEDIATING),
        "mediators": services.eligible_mediators(mediation) if supervisor and mediation.is_open else [],
        "history": _history(mediation) if (mediator or supervisor) else [],
        "real_name_form": RealNameForm(), "today": dt.date.today(),
    }
    return render(request, "mediation/detail.html", context)


def _date(value: str, field: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({field: _("日期：格式须为 YYYY-MM-DD")}, code="invalid") from None


def _perform(request, mediation, action: str):
    user, post = request.user, request.POST
    if action == "accept":
        return services.respond_to_invitation(mediation, accept=True, actor=user)
    if action == "decline":
        return services.respond_to_invitation(mediation, accept=False, actor=user, reason=post.get("reason", ""))
    if action == "withdraw":
        return services.withdraw_application(mediation, actor=user, reason=post.get("reason", ""))
    if action == "assign":
        mediator = get_object_or_404(User, pk=post.get("mediator") or 0)
        return services.assign_mediator(mediation, mediator, actor=user)
    if action == "conflict":
        return services.decline_for_conflict(mediation, actor=user, reason=post.get("reason", ""))
    if action == "save_record":
        return services.save_record(mediation, text=post.get("text", ""), version=int(post.get("version") or 0),
                                    actor=user)
    if action == "confirm_record":
        return services.confirm_record(mediation, sha256_seen=post.get("sha256", ""), actor=user)
    if action == "draft_agreement":
        agreed = {c.pk: (post.get(f"agreed_{c.pk}", ""), _date(post.get(f"due_{c.pk}", ""), f"due_{c.pk}"))
                  for c in mediation.claims.all()}
        return services.draft_agreement(mediation, agreed=agreed, terms=post.get("terms", ""), actor=user)
    if action == "real_name":
        from zhili.core.identity.api import verify_real_name

        return verify_real_name(user, name=post.get("name", ""), id_number=post.get("id_number", ""), actor=user)
    if action == "sign":
        agreement = get_object_or_404(Agreement, mediation=mediation)
        return services.sign_agreement(agreement, actor=user, agreed=post.get("agree") == "on",
                                       document_sha256=post.get("sha256", ""))
    if action == "seal":
        agreement = get_object_or_404(Agreement, mediation=mediation)
        return services.seal_agreement(agreement, actor=user, confirmed=post.get("confirm") == "on")
    if action == "close":
        return services.close_mediation(mediation, outcome=post.get("outcome", ""), note=post.get("note", ""),
                                        actor=user)
    if action == "rate":
        return services.rate_mediation(mediation, process=post.get("process"), result=post.get("result"),
                                       mediator_score=post.get("mediator_score"), comment=post.get("comment", ""),
                                       actor=user)
    if action == "payment":
        claim = get_object_or_404(Claim, mediation=mediation, pk=post.get("claim") or 0)
        return services.record_payment(claim, paid_on=_date(post.get("paid_on", ""), "paid_on") or dt.date.today(),
                                       actor=user)
    raise Http404(_("没有这项操作"))


DONE = {"accept": gettext_lazy("您已同意调解，调解员将与您联系"), "decline": gettext_lazy("您已拒绝调解，本案按调解不成结案"),
        "sign": gettext_lazy("签署完成"), "seal": gettext_lazy("已加盖调解委员会印章，调解协议生效"), "confirm_record": gettext_lazy("已确认调解笔录"),
        "rate": gettext_lazy("感谢您的评价")}


@login_required
@require_POST
def act(request, pk: int, action: str):
    """Every action of the case page: the service decides; a refusal is shown, nothing half-done."""
    mediation = queries.mediation_for(request.user, pk)
    try:
        _perform(request, mediation, action)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for field_errors in errors.values():
            for error in field_errors:
                messages.error(request, error)
    else:
        messages.success(request, str(DONE.get(action, _("已保存"))))
    return redirect("mediation:detail", pk=mediation.pk)


@login_required
def evidence_file(request, pk: int, evidence_id: int):
    mediation = queries.mediation_for(request.user, pk)
    evidence = get_object_or_404(Evidence, mediation=mediation, pk=evidence_id)
    if not may_enter(request.user, mediation, evidence.session):
        raise Http404
    _log_read(request, mediation, f"evidence:{evidence.pk}")
    response = HttpResponse(bytes(evidence.content), content_type=evidence.content_type)
    response["Content-Disposition"] = f"inline; filename=evidence-{evidence.pk}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def agreement_pdf(request, pk: int):
    mediation = queries.mediation_for(request.user, pk)
    agreement = get_object_or_404(Agreement, mediation=mediation)
    _log_read(request, mediation, "agreement")
    response = HttpResponse(bytes(agreement.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{mediation.number}.pdf"'
    return response


@login_required
def dossier(request, pk: int):
    """一键生成卷宗 (the mediator or the committee): a platform-signed PDF, its digest in the ledger."""
    mediation = queries.mediation_for(request.user, pk)
    pdf = services.build_dossier(mediation, actor=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{mediation.number}-dossier.pdf"'
    return response


@login_required
def application_form(request, pk: int, kind: str):
    """A prefilled application for judicial confirmation or arbitration, for a party or the mediator."""
    mediation = queries.mediation_for(request.user, pk)
    try:
        pdf = services.application_pdf(mediation, kind=kind, actor=request.user)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect("mediation:detail", pk=mediation.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{mediation.number}-{kind}.pdf"'
    return response
