"""Documents built from a case: the dossier (卷宗, signed by the platform, its digest in the ledger), and the
applications a party takes on: for judicial confirmation (司法确认) of a settled case, for arbitration (仲裁申请书)
when mediation failed or an agreed payment was missed — prefilled from the case, signed on paper by the party."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from ..choices import MediationStatus, Side
from ..models import Agreement, Evidence, Mediation, Record
from ..permissions import is_mediator, side_of
from ..rules import rule
from .common import record, sha256

TRANSCRIPT_MAX_MESSAGES = 2000


def _transcript(mediation: Mediation) -> list[dict]:
    from zhili.core.live import api as live

    from .room import channel_key

    channel = live.channel_by_key(channel_key(mediation, "joint"))
    return live.records_since(channel, 0, limit=TRANSCRIPT_MAX_MESSAGES) if channel is not None else []


def _notices(mediation: Mediation):
    from zhili.core.notify.api import Message

    return (Message.objects.filter(dedup_key__startswith=f"mediation:{mediation.pk}:")
            .only("created_at", "channel", "template", "subject", "status").order_by("id"))


def dossier_context(mediation: Mediation) -> dict:
    return {
        "m": mediation, "claims": list(mediation.claims.all()), "record": Record.objects.filter(mediation=mediation).first(),
        "agreement": Agreement.objects.filter(mediation=mediation).only(
            "status", "sha256", "unsigned_sha256", "worker_signed_at", "employer_signed_at", "mediator_signed_at", "sealed_at",
            "effective_at", "terms").first(),
        "evidence": list(Evidence.objects.filter(mediation=mediation).defer("content")),
        "ratings": list(mediation.ratings.all()), "notices": list(_notices(mediation)),
        "transcript": _transcript(mediation),
        "history": list(audit.entries_for(mediation).order_by("id").select_related("actor")[:500]),
        "generated_at": timezone.localtime(),
    }


def build_dossier(mediation: Mediation, *, actor) -> bytes:
    """一键生成卷宗: cover, application, notices, the joint session's transcript, the record, the evidence list with
    digests, the agreement and the ratings, as one PDF signed by the platform; its SHA-256 goes to the ledger."""
    from zhili.core.esign.api import platform_seal_pdf, render_pdf

    require(actor, "mediation.mediation.mediate", mediation)
    pdf = render_pdf("", dossier_context(mediation), template_name="mediation/dossier_pdf.html")
    signed = platform_seal_pdf(pdf, subject=mediation, reason=_("调解卷宗"), actor=actor,
                               field_name="MediationDossierSeal")
    record("dossier.built", mediation, actor=actor, ledger_kind="dossier.built", sha256=sha256(signed),
           size=len(signed))
    return signed


def application_pdf(mediation: Mediation, *, kind: str, actor) -> bytes:
    """A prefilled application: ``judicial_confirmation`` once the agreement is in effect, ``arbitration`` once
    mediation failed (or for a settled case whose agreed payment is overdue). Parties and the mediator only."""
    from zhili.core.esign.api import render_pdf

    side = side_of(actor, mediation)
    if side is None and not is_mediator(actor, mediation):
        raise PermissionDenied(_("只有本案当事人和调解员可以生成申请书"))
    today = timezone.localdate()
    if kind == "judicial_confirmation":
        if mediation.status != MediationStatus.SETTLED:
            raise ValidationError({"kind": _("调解协议生效后才能申请司法确认")}, code="not_settled")
    elif kind == "arbitration":
        overdue = mediation.claims.filter(agreed_amount__isnull=False, paid_on__isnull=True, due_on__lt=today)
        if mediation.status != MediationStatus.FAILED and not (
                mediation.status == MediationStatus.SETTLED and overdue.exists()):
            raise ValidationError({"kind": _("调解不成或协议逾期未履行时才能生成仲裁申请书")}, code="not_available")
    else:
        raise ValidationError({"kind": _("申请书类型：须为司法确认或仲裁")}, code="invalid")
    agreement = Agreement.objects.filter(mediation=mediation).only("effective_at", "sha256").first()
    context = {"m": mediation, "claims": list(mediation.claims.all()), "kind": kind, "today": today,
               "agreement": agreement, "applicant_is_worker": (side or Side.WORKER) == Side.WORKER,
               "confirmation_days": rule("judicial_confirmation_days", today),
               "limitation": rule("arbitration_limitation_years", today)}
    pdf = render_pdf("", context, template_name="mediation/application_pdf.html")
    audit.record("mediation.application_form.rendered", actor=actor, target=mediation,
                 data={"kind": kind, "sha256": sha256(pdf)})
    return pdf
