"""Prevention at the source (致残事故源头治理): disabling accidents pushed as core cases to the departments
concerned — work injuries by enterprise to human resources and work safety, traffic injuries by place to the
traffic police — each case tracked to closure with working-day deadlines (``workflows.py``)."""

import datetime as dt
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.cases.api import open_case
from zhili.core.foundation.api import audit, events
from zhili.core.orgs.api import Organization, region_by_code

from ..choices import InjurySource
from ..models import InjuryPush
from ..workflows import PREVENTION_CASE_TYPES
from .certification import _require, _user

logger = logging.getLogger(__name__)
NO_ENTERPRISE = "—"


def _records(since: dt.date | None, until: dt.date, engine: str) -> list[dict]:
    """Work and traffic injury assessments dated in the window, with the person's village (from the register)."""
    import ibis

    from zhili.core.datapool.api import connect, ibis_table

    con = connect(engine)
    try:
        work, traffic = (ibis_table(code, engine, con=con) for code in ("da_work_injuries", "da_traffic_injuries"))
        persons = ibis_table("da_persons", engine, con=con)
        empty = ibis.literal("")
        parts = [
            work.select(source=ibis.literal(InjurySource.WORK.value), record_id=work.record_id,
                        person_id=work.person_id, assessed_on=work.assessed_on, grade=work.grade,
                        uscc=work.uscc.fill_null(""), cause=work.cause.fill_null(""), place=empty),
            traffic.select(source=ibis.literal(InjurySource.TRAFFIC.value), record_id=traffic.record_id,
                           person_id=traffic.person_id, assessed_on=traffic.assessed_on, grade=traffic.grade,
                           uscc=empty, cause=empty, place=traffic.place.fill_null("")),
        ]
        found = ibis.union(*parts)
        found = found.filter(found.assessed_on <= until)
        if since is not None:
            found = found.filter(found.assessed_on >= since)
        joined = found.join(persons.select("person_id", "village_code"), "person_id")
        return joined.order_by(["source", "record_id"]).to_pyarrow().to_pylist()
    finally:
        if engine != "pyspark":
            con.disconnect()


def _title(source: str, group: str, names: dict, count: int) -> str:
    if source == InjurySource.WORK:
        who = names.get(group) or (group if group != NO_ENTERPRISE else _("未登记用人单位"))
        return _("工伤致残事故源头治理：{who}（{n} 起）").format(who=who, n=count)
    return _("交通致残事故源头治理：{place}（{n} 起）").format(place=group or _("地点不详"), n=count)


def push_injuries(until: dt.date, *, actor, since: dt.date | None = None, engine: str = "duckdb") -> dict:
    """Push the disabling accidents assessed by ``until`` (and from ``since``) not pushed before: one core case
    per enterprise (work injuries) or place (traffic injuries) and county, routed by the assignment rules of the
    case type; returns the counts. Records in a county without a rule are kept, counted as ``unrouted``."""
    _require(actor, "disability_aid.prevention.push")
    if since is not None and since > until:
        raise ValidationError({"since": _("开始日期不能晚于截止日期")}, code="range")
    rows = _records(since, until, engine)
    done = set(InjuryPush.objects.values_list("source", "record_id"))
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        if (row["source"], row["record_id"]) in done:
            continue
        group = (row["uscc"] or NO_ENTERPRISE) if row["source"] == InjurySource.WORK else (row["place"] or "")
        groups[(row["source"], (row["village_code"] or "")[:6], group)].append(row)
    names = dict(Organization.objects.filter(uscc__in=[g for (s, _c, g) in groups if s == InjurySource.WORK])
                 .values_list("uscc", "name"))
    report = {"records": 0, "cases": 0, "unrouted": 0, "skipped": 0}
    for (source, county_code, group), found in sorted(groups.items()):
        region = region_by_code(county_code) if county_code else None
        if region is None:
            report["skipped"] += len(found)
            continue
        with transaction.atomic():
            case = _open(source, group, region, found, names, actor)
            InjuryPush.objects.bulk_create([InjuryPush(
                source=source, record_id=r["record_id"], person_key=r["person_id"], assessed_on=r["assessed_on"],
                grade=r["grade"], uscc=r["uscc"], cause=r["cause"], place=r["place"][:100], group=group[:120],
                region=region, pushed_on=until, case=case) for r in found])
        report["records"] += len(found)
        report["cases" if case else "unrouted"] += 1
    report["rerouted"] = _reroute(names, actor)
    audit.record("disability_aid.prevention.pushed", actor=_user(actor),
                 data={"until": until.isoformat(), "since": since.isoformat() if since else None, **report})
    return report


def _reroute(names: dict, actor) -> int:
    """Try again the pushes kept without a case (no assignment rule then); returns how many records got one."""
    waiting: dict[tuple, list[InjuryPush]] = defaultdict(list)
    for push in InjuryPush.objects.filter(case__isnull=True).select_related("region").order_by("id"):
        waiting[(push.source, push.region, push.group)].append(push)
    names = names | dict(Organization.objects.filter(uscc__in=[g for (s, _r, g) in waiting if s == InjurySource.WORK])
                         .values_list("uscc", "name"))
    done = 0
    for (source, region, group), pushes in waiting.items():
        rows = [{"record_id": p.record_id, "assessed_on": p.assessed_on, "grade": p.grade, "cause": p.cause}
                for p in pushes]
        with transaction.atomic():
            case = _open(source, group, region, rows, names, actor)
            if case is not None:
                InjuryPush.objects.filter(pk__in=[p.pk for p in pushes]).update(case=case)
                done += len(pushes)
    return done


def _open(source: str, group: str, region, found: list[dict], names: dict, actor):
    causes = sorted({r["cause"] for r in found if r["cause"]})
    lines = [_("{on} {record}：{grade} 级{cause}").format(on=r["assessed_on"], record=r["record_id"], grade=r["grade"],
                                                       cause=f"（{r['cause']}）" if r["cause"] else "")
             for r in found]
    description = _("致残等级鉴定 {n} 起（只列记录编号，不含个人身份信息）；致伤原因：{causes}。请核查事故原因，落实整改和"
                    "监管措施并反馈。\n").format(n=len(found), causes="、".join(causes) or _("未载明")) + "\n".join(lines)
    try:
        with transaction.atomic():
            case = open_case(PREVENTION_CASE_TYPES[source], title=_title(source, group, names, len(found))[:200],
                             region=region, actor=_user(actor), description=description[:2000])
    except ValidationError as problem:
        logger.warning("prevention push %s/%s not routed: %s", source, group, "；".join(problem.messages))
        return None
    events.publish("disability_aid.injuries.pushed", case_id=case.pk, source=source, records=len(found))
    return case
