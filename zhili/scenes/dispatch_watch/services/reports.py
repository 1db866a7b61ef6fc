"""Annual reports (年度经营情况报告): submitted by 31 March, checked by rules on entry, verified by an officer.

合格 closes the matter; 不合格 opens a rectification case with a deadline (core.cases); 无业务 opens a guidance
case; results are published. A report not in by 31 March is reminded, then escalated to an inspection case.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhili.core.foundation.api import audit, events
from zhili.core.ledger import api as ledger

from ..choices import LicenceStatus, ReportStatus, Verdict, WorkerStatus
from ..models import Agency, AnnualReport, DispatchedWorker, OverdueNotice
from ..rules import report_due_date, rule
from ..workflows import GUIDANCE_CASE, OVERDUE_CASE, RECTIFY_CASE
from .common import as_count, as_date, as_decimal, authorize, digest, officer_department, person, refuse

COUNTS = ("dispatched_total", "temporary_count", "auxiliary_count", "substitute_count", "contracts_signed",
          "union_members", "insured_count", "hosts_count", "agreements_count", "branches_count")
AMOUNTS = ("revenue", "wages_paid", "insurance_paid")
LABELS = {f.name: str(f.verbose_name) for f in AnnualReport._meta.get_fields() if hasattr(f, "verbose_name")}
# Findings that make the system suggest 不合格 (the officer decides).
BLOCKING = {"licence", "capital", "audit", "unsigned", "uninsured", "roster_mismatch"}


def _clean(data: dict) -> dict:
    clean = {f: as_count(data.get(f, ""), f, LABELS[f]) for f in COUNTS}
    clean.update({f: as_decimal(data.get(f, ""), f, LABELS[f]) for f in AMOUNTS})
    clean["audit_attached"] = bool(data.get("audit_attached"))
    parts = clean["temporary_count"] + clean["auxiliary_count"] + clean["substitute_count"]
    if parts != clean["dispatched_total"]:
        refuse("dispatched_total", f"被派遣劳动者人数：应等于临时性、辅助性、替代性岗位人数之和（{parts}），"
                                   f"填报为 {clean['dispatched_total']}", "totals")
    for part in ("contracts_signed", "union_members", "insured_count"):
        if clean[part] > clean["dispatched_total"]:
            refuse(part, f"{LABELS[part]}：不能多于被派遣劳动者人数 {clean['dispatched_total']}", "totals")
    if clean["dispatched_total"] == 0 and (clean["hosts_count"] or clean["wages_paid"]):
        refuse("hosts_count", "用工单位数：被派遣劳动者人数为 0 时，用工单位数和劳动报酬总额应为 0", "totals")
    if clean["hosts_count"] > clean["dispatched_total"]:
        refuse("hosts_count", "用工单位数：不能多于被派遣劳动者人数", "totals")
    return clean


def roster_figures(agency: Agency, year: int) -> dict:
    """What the platform's roster holds for ``agency`` in ``year``: workers dispatched and distinct hosts."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = DispatchedWorker.objects.filter(agency=agency, dispatch_start__lte=end, dispatch_end__gte=start)
    return {"workers": rows.count(), "hosts": rows.values("host").distinct().count()}


def check_report(agency: Agency, year: int, clean: dict, submitted_on: dt.date) -> tuple[list[dict], str]:
    """The rule findings on a report, and the verdict they suggest."""
    findings = []

    def add(code, text, basis):
        findings.append({"code": code, "text": text, "basis": basis, "blocking": code in BLOCKING})

    due = report_due_date(year)
    if submitted_on > due:
        add("late", f"逾期提交：应于 {due} 前提交，实际 {submitted_on}", rule("annual_report_due", due).reference)
    if agency.licence_status != LicenceStatus.VALID or agency.licence_expires_on < dt.date(year, 12, 31):
        add("licence", f"许可证状态：{LicenceStatus(agency.licence_status).label}，有效期至 {agency.licence_expires_on}",
            rule("licence_valid_years", due).reference)
    capital = rule("registered_capital_min", due)
    if agency.registered_capital < capital.value:
        add("capital", f"注册资本 {agency.registered_capital} 元低于 {capital.value:.0f} 元", capital.reference)
    if clean["dispatched_total"] and not clean["audit_attached"]:
        add("audit", "未附上年度财务审计报告", "年度报告第1项：经营情况及上年度财务审计报告（惠州市公开的年度核验内容：http://www.1183118.com/zdlyxxgk/jycyxxgk/fwjg/content/post_4536487.html）")
    if clean["contracts_signed"] < clean["dispatched_total"]:
        add("unsigned", f"{clean['dispatched_total'] - clean['contracts_signed']} 名被派遣劳动者未订立劳动合同",
            "《劳动合同法》第五十八条")
    if clean["insured_count"] < clean["dispatched_total"]:
        add("uninsured", f"{clean['dispatched_total'] - clean['insured_count']} 名被派遣劳动者未参加社会保险",
            "《劳务派遣暂行规定》第十八条；《社会保险法》第五十八条")
    roster = roster_figures(agency, year)
    if roster["workers"] and (roster["workers"] != clean["dispatched_total"] or roster["hosts"] != clean["hosts_count"]):
        add("roster_mismatch", f"填报 {clean['dispatched_total']} 人、{clean['hosts_count']} 家用工单位，平台名册为 "
                               f"{roster['workers']} 人、{roster['hosts']} 家", "年度报告第2、5项与派遣名册比对")
    if any(f["blocking"] for f in findings):
        suggested = Verdict.UNQUALIFIED
    elif clean["dispatched_total"] == 0 and clean["revenue"] == 0:
        suggested = Verdict.NO_BUSINESS
    else:
        suggested = Verdict.QUALIFIED
    return findings, suggested


@transaction.atomic
def submit_report(agency: Agency, *, year: int, data: dict, submitted_on=None, actor) -> AnnualReport:
    """The agency submits its report on ``year``; totals must add up; the rules' findings are stored with it."""
    authorize(actor, "dispatch_watch.report.submit", agency)
    today = as_date(submitted_on or timezone.localdate(), "submitted_on", "提交日期")
    year = int(year)
    if year >= today.year:
        refuse("year", f"报告年度：只能报告已结束的年度（{today.year - 1} 年及以前）")
    if year < agency.licence_issued_on.year:
        refuse("year", f"报告年度：早于取得许可的年度（{agency.licence_issued_on.year}）")
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        refuse("year", f"报告年度：{year} 年度报告已提交", "duplicate")
    clean = _clean(data)
    findings, suggested = check_report(agency, year, clean, today)
    report = AnnualReport.objects.create(agency=agency, year=year, submitted_by=person(actor), submitted_on=today,
                                         findings=findings, suggested=suggested, **clean)
    audit.record("dispatch_watch.report.submitted", actor=actor, target=report,
                 data={"year": year, "suggested": suggested, "findings": [f["code"] for f in findings]})
    events.publish("dispatch_watch.report.submitted", report_id=report.pk)
    return report


def _open(case_type, *, title, agency, actor, subject, description):
    from zhili.core.cases.api import open_case

    return open_case(case_type, title=title[:200], region=agency.region, actor=person(actor), subject=subject,
                     description=description, organization=officer_department(actor))


@transaction.atomic
def verify_report(report: AnnualReport, *, verdict: str, reasons: str = "", actor) -> AnnualReport:
    """An officer's verdict: 合格 / 不合格 / 无业务 with reasons.

    不合格 needs reasons and opens a rectification case whose handling deadline is the dated rectification
    period; 合格 against blocking findings needs reasons too; 无业务 opens a guidance case.
    """
    authorize(actor, "dispatch_watch.report.verify", report)
    report = AnnualReport.objects.select_for_update().select_related("agency__organization", "agency__region") \
        .get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        refuse("status", "该报告已核验", "already_verified")
    if verdict not in Verdict.values:
        refuse("verdict", f"核验结论：须为 {'、'.join(str(label) for _, label in Verdict.choices)} 之一")
    reasons = (reasons or "").strip()
    blocking = [f["text"] for f in report.findings if f.get("blocking")]
    if verdict == Verdict.UNQUALIFIED and not reasons and not blocking:
        refuse("reasons", "结论理由：判定不合格须写明理由", "required")
    if verdict == Verdict.QUALIFIED and blocking and not reasons:
        refuse("reasons", "结论理由：规则核验发现问题（" + "；".join(blocking) + "），判定合格须写明理由", "required")
    if verdict == Verdict.UNQUALIFIED and not reasons:
        reasons = "；".join(blocking)
    report.status, report.verdict, report.reasons = ReportStatus.VERIFIED, verdict, reasons[:2000]
    report.verified_by, report.verified_at = person(actor), timezone.now()
    agency = report.agency
    if verdict == Verdict.UNQUALIFIED:
        days = rule("rectification_working_days", timezone.localdate())
        report.case = _open(RECTIFY_CASE, title=f"{agency.name}：{report.year}年度报告核验不合格，限期整改", agency=agency,
                            actor=actor, subject=report,
                            description=f"不合格理由：{report.reasons}。整改期限 {days.value} 个工作日（{days.reference}）。")
    elif verdict == Verdict.NO_BUSINESS:
        report.case = _open(GUIDANCE_CASE, title=f"{agency.name}：{report.year}年度无派遣业务，开展经营指导", agency=agency,
                            actor=actor, subject=report,
                            description="年度内无劳务派遣业务：核实经营状况，指导依法开展业务或申请注销许可。")
    report.save()
    decision = {"report": report.pk, "agency": agency.uscc, "year": report.year, "verdict": verdict,
                "reasons": report.reasons, "findings": [f["code"] for f in report.findings]}
    audit.record("dispatch_watch.report.verified", actor=actor, target=report, data=decision)
    ledger.append(kind="dispatch_watch.report.verified", subject=report, actor=person(actor), digest=digest(decision),
                  data=decision)
    events.publish("dispatch_watch.report.verified", report_id=report.pk, verdict=verdict,
                   case_id=report.case_id)
    return report


@transaction.atomic
def publish_results(year: int, *, region, actor) -> int:
    """Publish (公示) the verified results of ``year`` for the agencies in ``region``'s scope."""
    authorize(actor, "dispatch_watch.agency.manage", region)
    reports = AnnualReport.objects.filter(year=year, status=ReportStatus.VERIFIED, published=False,
                                          agency__region__path__startswith=region.path)
    count = reports.update(published=True, updated_at=timezone.now())
    audit.record("dispatch_watch.results.published", actor=actor, data={"year": year, "count": count,
                                                                                "region": region.code})
    return count


def sweep_overdue_reports(today: dt.date | None = None, *, actor="job:dispatch_watch.overdue") -> dict:
    """After 31 March: remind each licensed agency whose last year's report is missing, then escalate.

    The reminder goes to the agency's 填报员 in the message centre; after the dated grace period an inspection
    case is opened. Each step happens once per agency and year.
    """
    from zhili.core.identity.api import Membership
    from zhili.core.notify.api import send_in_app

    from ..roles import AGENCY

    today = today or timezone.localdate()
    year = today.year - 1
    due = report_due_date(year)
    result = {"year": year, "reminded": 0, "escalated": 0}
    if today <= due:
        return result
    grace = rule("overdue_escalate_days", today)
    agencies = (Agency.objects.filter(licence_issued_on__lte=dt.date(year, 12, 31), licence_expires_on__gte=due)
                .exclude(licence_status__in=[LicenceStatus.CANCELLED, LicenceStatus.REVOKED])
                .exclude(reports__year=year).select_related("organization", "region"))
    for agency in agencies:
        with transaction.atomic():
            notice = OverdueNotice.objects.select_for_update().filter(agency=agency, year=year).first()
            if notice is None:
                notice = OverdueNotice.objects.create(agency=agency, year=year, reminded_on=today)
                for member in Membership.objects.filter(organization=agency.organization, role=AGENCY, is_active=True):
                    send_in_app(member.user, "dispatch_watch_report_overdue",
                                {"agency": agency.name, "year": year, "due": due.isoformat(), "days": grace.value},
                                dedup_key=f"dispatch_watch:overdue:{agency.pk}:{year}", actor=actor)
                audit.record("dispatch_watch.report.reminded", actor=actor, target=agency, data={"year": year})
                result["reminded"] += 1
            elif notice.escalated_on is None and today >= due + dt.timedelta(days=grace.value):
                try:
                    with transaction.atomic():
                        notice.case = _open(OVERDUE_CASE, title=f"{agency.name}：逾期未报{year}年度经营情况报告",
                                            agency=agency, actor=None, subject=agency,
                                            description=f"应于 {due} 前提交，{notice.reminded_on} 已提醒，逾期满 "
                                                        f"{grace.value} 日仍未提交（{grace.reference}）。")
                except ValidationError as problem:  # no assignment rule for the region: keep reminding
                    audit.record("dispatch_watch.report.escalation_failed", actor=actor, target=agency,
                                 data={"year": year, "problem": "；".join(problem.messages)})
                    continue
                notice.escalated_on = today
                notice.save(update_fields=["case", "escalated_on", "updated_at"])
                audit.record("dispatch_watch.report.escalated", actor=actor, target=agency,
                             data={"year": year, "case": notice.case_id})
                result["escalated"] += 1
    return result


def active_workers(agency: Agency):
    return DispatchedWorker.objects.filter(agency=agency, status=WorkerStatus.ACTIVE)
