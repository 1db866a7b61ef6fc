"""Credit (一键金融): a profile per firm computed from its ledger record by stated rules; banks read it under
the firm's grant (core.sharing) and record their decisions; the loan cycle time is what the seed measures.

The rules (dated parameters ``credit_weights``, ``credit_grades``, ``volume_full_score_yuan``), per firm over
its record: share of deliveries on time × delivery weight + share of payments on time × payment weight + order
volume (to the full-score amount) × volume weight + active months (of twelve) × activity weight. A firm with no
delivery (or payment) yet counts half for that factor. Grades by the score's lower bounds (AAA, AA, A; B below).
The computation is one DuckDB aggregate over a columnar table (``score_table``), the same for the platform's
rows and for the benchmark's ten-million-row Parquet file.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pyarrow as pa
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import ApiClient, Membership, register_api_client, require
from zhili.core.ledger import api as ledger
from zhili.core.sharing import api as sharing

from .models import CreditEntry, CreditProfile, Firm, LoanDecision
from .roles import FIRM_ROLES
from .rules import value
from .services import _digest
from .synth import KIND_CODES

DOCUMENT_TYPE = "industry_brain.credit"
MATTER = "industry_brain_credit_loan"
GRANT_DAYS = 30
# the matter as migration 0002 puts it in core.sharing's catalogue (a test that flushes the database puts it back)
MATTER_DEFAULTS = {
    "name": "童装企业信用贷款", "department_name": "湖州市吴兴区经信局（童装产业大脑）",
    "legal_basis": "《征信业管理条例》（国务院令第631号）第二十一条（企业信息可经信息主体、企业交易对方等渠道采集）；"
                   "由企业授权银行查阅为平台规则（该条例第十三条、第十八条的同意要求针对个人信息）；"
                   "平台信用评价规则（未经官方文件核实）",
    "document_type": "industry_brain.credit", "fields": ["firm_name", "uscc", "score", "grade", "factors"],
}

SCORE_SQL = """
SELECT firm, count(*) AS entries,
       coalesce(avg(CASE WHEN kind = 3 THEN on_time::INTEGER END), 0.5) AS delivery,
       coalesce(avg(CASE WHEN kind = 4 THEN on_time::INTEGER END), 0.5) AS payment,
       least(1.0, sum(CASE WHEN kind = 1 THEN amount ELSE 0 END) / $full) AS volume,
       least(1.0, count(DISTINCT day // 30) / 12.0) AS activity
FROM entries WHERE day >= $since GROUP BY firm
"""


def score_table(entries, *, weights: dict, grades: dict, full_volume: float, since_day: int = 0):
    """Score every firm of ``entries`` (an Arrow table or a Parquet path with firm, kind, day, amount, on_time):
    returns an Arrow table firm, entries, delivery, payment, volume, activity, score, grade."""
    con = duckdb.connect()
    try:
        if isinstance(entries, str):
            con.execute(f"CREATE VIEW entries AS SELECT * FROM read_parquet('{entries}')")
        else:
            con.register("entries", entries)
        score = (f"round({weights['delivery']} * delivery + {weights['payment']} * payment"
                 f" + {weights['volume']} * volume + {weights['activity']} * activity, 1)")
        query = (f"SELECT *, {score} AS score, CASE WHEN {score} >= {grades['AAA']} THEN 'AAA' "
                 f"WHEN {score} >= {grades['AA']} THEN 'AA' WHEN {score} >= {grades['A']} THEN 'A' ELSE 'B' END "
                 f"AS grade FROM ({SCORE_SQL}) ORDER BY firm")
        return con.sql(query, params={"full": float(full_volume), "since": since_day}).to_arrow_table()
    finally:
        con.close()


def rules_on(day: dt.date) -> dict:
    return {"weights": value("credit_weights", day), "grades": value("credit_grades", day),
            "full_volume": float(value("volume_full_score_yuan", day))}


@transaction.atomic
def compute_profiles(*, region, actor) -> int:
    """Recompute the credit profile of every firm of ``region`` from its last year of ledger facts."""
    require(actor, "industry_brain.district.manage", region)
    today = timezone.localdate()
    rows = list(CreditEntry.objects.filter(firm__region__path__startswith=region.path,
                                           day__gte=today - dt.timedelta(days=365))
                .values_list("firm_id", "kind", "day", "amount", "on_time"))
    if not rows:
        return 0
    table = pa.table({"firm": [r[0] for r in rows], "kind": [KIND_CODES[r[1]] for r in rows],
                      "day": [(r[2] - today).days + 365 for r in rows], "amount": [float(r[3]) for r in rows],
                      "on_time": [r[4] for r in rows]})
    scored = score_table(table, **rules_on(today)).to_pylist()
    for row in scored:
        factors = {k: round(row[k], 3) for k in ("delivery", "payment", "volume", "activity")}
        CreditProfile.objects.update_or_create(firm_id=row["firm"], defaults={
            "score": Decimal(str(row["score"])), "grade": row["grade"], "factors": factors,
            "entries": row["entries"], "computed_on": today})
    audit.record("industry_brain.credit.computed", actor=actor, data={"region": region.code, "firms": len(scored)})
    events.publish("industry_brain.credit.computed", region=region.code, firms=len(scored))
    return len(scored)


def firm_owner(firm: Firm):
    """The person who acts for the firm in grants: its first enrolled member."""
    found = (Membership.objects.filter(organization_id=firm.organization_id, role__in=FIRM_ROLES)
             .select_related("user").order_by("id").first())
    return found.user if found else None


@transaction.atomic
def apply_loan(*, firm: Firm, bank, amount, actor) -> LoanDecision:
    """The firm asks ``bank`` for a loan and grants it its credit profile for 30 days (core.sharing)."""
    require(actor, "industry_brain.firm.act", firm)
    profile = CreditProfile.objects.filter(firm=firm).first()
    errors: dict = {}
    if profile is None:
        errors["firm"] = _("尚无信用画像，请待运营方计算后再申请")
    try:
        amount = Decimal(str(amount)).quantize(Decimal("0.01"))
        if amount <= 0:
            errors["amount"] = _("金额须大于 0")
    except ArithmeticError:
        errors["amount"] = _("金额须为数字")
    if errors:
        raise ValidationError(errors)
    matter = sharing.Matter.objects.get(code=MATTER)
    sharing.grant_access(document_type=DOCUMENT_TYPE, object_id=profile.pk, party=bank, matter=matter,
                         expires_at=timezone.now() + dt.timedelta(days=GRANT_DAYS), actor=actor)
    loan = LoanDecision.objects.create(bank=bank, firm=firm, amount=amount, requested_at=timezone.now())
    audit.record("industry_brain.loan.requested", actor=actor, target=loan, data={"amount": str(amount)})
    return loan


def bank_client(bank) -> ApiClient:
    """The bank's credit desk as an API client of core.sharing (registered once)."""
    client = ApiClient.objects.filter(organization=bank, name="信贷审批系统", is_active=True).first()
    if client is None:
        client, _secret = register_api_client(name="信贷审批系统", organization=bank, scopes=["sharing.read"])
    return client


def read_credit(loan: LoanDecision, *, actor) -> dict:
    """The bank reads the firm's credit profile under the firm's grant (logged; NotShared once revoked/expired)."""
    require(actor, "industry_brain.loan.decide", loan.bank)
    profile = CreditProfile.objects.get(firm=loan.firm)
    return sharing.read_document(DOCUMENT_TYPE, profile.pk, actor=bank_client(loan.bank), matter_code=MATTER).fields


@transaction.atomic
def decide_loan(loan: LoanDecision, *, approve: bool, note: str = "", actor) -> LoanDecision:
    """The bank records its decision (audited, in the ledger); the cycle time runs from the request."""
    require(actor, "industry_brain.loan.decide", loan.bank)
    loan = LoanDecision.objects.select_for_update().select_related("firm__organization").get(pk=loan.pk)
    if loan.decided_at is not None:
        raise ValidationError({"loan": _("已作出决定")})
    loan.approved, loan.decided_at, loan.decided_by, loan.note = approve, timezone.now(), actor, (note or "")[:300]
    loan.save(update_fields=["approved", "decided_at", "decided_by", "note", "updated_at"])
    data = {"loan": loan.pk, "firm": loan.firm.organization.uscc, "amount": str(loan.amount), "approved": approve}
    audit.record("industry_brain.loan.decided", actor=actor, target=loan, data=data)
    ledger.append(kind="industry_brain.loan.decided", subject=loan, actor=actor, digest=_digest(data), data=data)
    events.publish("industry_brain.loan.decided", loan_id=loan.pk, approved=approve)
    return loan
