"""Realistic synthetic data for the 劳务派遣监管 scene, with its violations planted.

``synthesize_county`` loads a county's agencies, hosts and rosters through the services (``manage.py
synth_dispatch_watch``, 155 agencies by default as in the 九龙坡 seed). ``generate_province`` writes a
province's roster as Parquet for the benchmark (10,000 agencies, 1,000,000 workers), with ``truth.csv``
naming each planted violation. Identifiers are valid (USCC and ID check characters) but random.
"""

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from zhili.core.foundation.api import uscc_check_character

HOST_VIOLATIONS = ("cap", "main_posts", "temp_over_limit", "short_contracts", "uninsured", "wrong_place", "pay_gap",
                   "false_outsourcing")
AGENCY_VIOLATIONS = ("licence_invalid", "capital_short", "listed_twice")
POSTS = {"auxiliary": ("保洁员", "安保员", "食堂帮厨", "仓储搬运", "客服专员"), "temporary": ("季节性装卸工", "展会服务员"),
         "substitute": ("产假顶岗文员", "脱产培训顶岗操作工"), "other": ("生产线操作工", "主营业务销售")}
INDUSTRIES = ("制造业", "批发和零售业", "交通运输、仓储和邮政业", "住宿和餐饮业", "信息传输、软件和信息技术服务业", "建筑业")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def uscc(region_code: str, n: int) -> str:
    first17 = "91" + region_code[:6] + f"{n:09d}"[-9:]
    return first17 + uscc_check_character(first17)


def id_number(region_code: str, birth: dt.date, n: int) -> str:
    first17 = f"{region_code[:6]}{birth:%Y%m%d}{n % 1000:03d}"
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


@dataclass
class CountyReport:
    agencies: int = 0
    hosts: int = 0
    workers: int = 0
    reports: int = 0
    planted: dict = field(default_factory=dict)


def _worker_row(rng, n, host_uscc, host_name, county, day, violation=None, *, birth_region="500107"):
    nature = rng.choice(("auxiliary", "auxiliary", "auxiliary", "substitute", "temporary"))
    start = day - dt.timedelta(days=rng.randint(10, 420))
    end = start + dt.timedelta(days=rng.randint(30, 170) if nature == "temporary" else rng.randint(200, 700))
    contract_end = max(end, start + dt.timedelta(days=rng.randint(731, 1100)))
    row = {"name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
           "id_number": id_number(birth_region, dt.date(rng.randint(1966, 2004), rng.randint(1, 12),
                                                        rng.randint(1, 28)), n),
           "host_uscc": host_uscc, "host_name": host_name, "post_nature": nature, "post": rng.choice(POSTS[nature]),
           "work_region_code": county, "dispatch_start": start, "dispatch_end": end, "contract_start": start,
           "contract_end": contract_end, "monthly_wage": rng.randint(5200, 7800), "insurance_region_code": county,
           "insurance_status": "paid"}
    if violation == "main_posts":
        row.update(post_nature="other", post=rng.choice(POSTS["other"]))
    elif violation == "temp_over_limit":
        row.update(post_nature="temporary", post=POSTS["temporary"][0], dispatch_end=start + dt.timedelta(days=300))
        row["contract_end"] = max(row["contract_end"], row["dispatch_end"])
    elif violation == "short_contracts":
        row["contract_end"] = start + dt.timedelta(days=365)
        row["dispatch_end"] = min(row["dispatch_end"], row["contract_end"])
    elif violation == "uninsured":
        row["insurance_status"] = "none"
    elif violation == "wrong_place":
        row["insurance_region_code"] = "330102"
    elif violation == "pay_gap":
        row["monthly_wage"] = 3000
    return row


def synthesize_county(*, county, towns=None, agencies: int = 155, hosts: int = 300, workers_per_agency: int = 12,
                      day: dt.date, seed: int = 26, share_violating: float = 0.1, first_licence: int = 1,
                      actor: str = "command:synth_dispatch_watch") -> CountyReport:
    """Agencies (licences, capital, grades), hosts with their workforce, and rosters, through the services.

    ``share_violating`` of the hosts get one planted violation each (named in ``report.planted``).
    """
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from . import services
    from .choices import CreditGrade
    from .services.workers import _record

    rng = random.Random(seed)
    report = CountyReport()
    code = county.code[:6]
    host_rows = []
    for h in range(hosts):
        violation = rng.choice(HOST_VIOLATIONS) if rng.random() < share_violating else None
        host_rows.append((uscc(code, 500000 + h), f"{rng.choice(('渝', '龙', '坡', '九'))}城{INDUSTRIES[h % 6][:2]}有限公司{h + 1}号",
                          violation, rng.randint(60, 400)))
    for host_uscc, name, violation, direct in host_rows:
        services.record_host(uscc=host_uscc, name=name, region=rng.choice(towns) if towns else county, direct_employees=3 if violation == "cap" else direct,
                             direct_avg_wage=6500 if violation == "pay_gap" else 5500, industry_name=rng.choice(INDUSTRIES),
                             actor=actor)
        if violation == "false_outsourcing":
            from .models import HostEmployer

            HostEmployer.objects.filter(uscc=host_uscc).update(outsourcing_contract=True, outsourced_on_host_payroll=8)
        if violation:
            report.planted[host_uscc] = violation
    report.hosts = len(host_rows)
    n = 0
    for a in range(agencies):
        issued = day - dt.timedelta(days=rng.randint(30, 1000))
        with transaction.atomic():
            agency = services.register_agency(
                name=f"九龙坡{rng.choice(('人力', '劳务', '企业服务', '人才'))}派遣有限公司{a + 1}", uscc=uscc(code, 100000 + a),
                region=rng.choice(towns) if towns else county, licence_no=f"{code}{issued.year}{a + first_licence:04d}", licence_issued_on=issued,
                registered_capital=rng.choice((2000000, 3000000, 5000000, 10000000)), premises=f"示例路{a + 1}号",
                branches=rng.randint(0, 3), actor=actor)
            if rng.random() < 0.7:
                agency.credit_grade = rng.choice(CreditGrade.values[:3])
                agency.credit_year = day.year - 1
                agency.save(update_fields=["credit_grade", "credit_year"])
            for _ in range(workers_per_agency):
                host_uscc, host_name, violation, _direct = rng.choice(host_rows)
                n += 1
                row = _worker_row(rng, n, host_uscc, host_name, code, day,
                                  violation if violation not in ("cap", "false_outsourcing", None) else None)
                try:
                    with transaction.atomic():
                        _record(agency, row, actor)
                except ValidationError:  # a random ID number drawn twice: skip it
                    continue
                report.workers += 1
        report.agencies += 1
    return report


def generate_province(out: Path, *, agencies: int = 10_000, workers: int = 1_000_000, hosts: int | None = None,
                      day: dt.date, seed: int = 26, share_violating: float = 0.02) -> dict:
    """Write ``agencies.parquet``, ``hosts.parquet``, ``workers.parquet`` and ``truth.csv`` under ``out``.

    Hosts get one planted violation each with probability ``share_violating`` (a cap breach is planted as a
    small direct workforce; false outsourcing as payroll matches); agencies likewise get an expired licence,
    a capital below the minimum, or a worker also listed by another agency.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    hosts = hosts or max(1, workers // 20)
    host_ids = np.array([uscc("500107", 5_000_000 + i) for i in range(hosts)])
    host_violation = np.where(rng.random(hosts) < share_violating, rng.integers(0, len(HOST_VIOLATIONS), hosts), -1)
    agency_ids = np.array([uscc("500107", 1_000_000 + i) for i in range(agencies)])
    agency_violation = np.where(rng.random(agencies) < share_violating,
                                rng.integers(0, len(AGENCY_VIOLATIONS), agencies), -1)
    # every host gets at least one worker, the rest at random
    host_of = np.concatenate([np.arange(hosts), rng.integers(0, hosts, max(0, workers - hosts))])[:workers]
    agency_of = rng.integers(0, agencies, workers)
    days = np.datetime64(day, "D")
    start = days - rng.integers(1, 25, workers).astype("timedelta64[D]")  # every worker is in post on ``day``
    nature = rng.choice(np.array(["auxiliary", "substitute", "temporary"]), workers, p=[0.7, 0.15, 0.15])
    length = np.where(nature == "temporary", rng.integers(30, 170, workers), rng.integers(200, 700, workers))
    end = start + length.astype("timedelta64[D]")
    contract_end = np.maximum(end, start + rng.integers(731, 1100, workers).astype("timedelta64[D]"))
    wage = rng.integers(5200, 7800, workers).astype("float64")
    insurance = np.full(workers, "paid", dtype=object)
    insurance_county = np.full(workers, "500107", dtype=object)
    # plant each violating host's breach on its first worker
    first_worker = np.full(hosts, -1)
    first_worker[host_of[::-1]] = np.arange(workers)[::-1]
    kinds = {name: i for i, name in enumerate(HOST_VIOLATIONS)}
    for h in np.nonzero(host_violation >= 0)[0]:
        w, kind = first_worker[h], HOST_VIOLATIONS[host_violation[h]]
        if kind == "main_posts":
            nature[w] = "other"
        elif kind == "temp_over_limit":
            nature[w], end[w] = "temporary", start[w] + np.timedelta64(300, "D")
            contract_end[w] = max(contract_end[w], end[w])
        elif kind == "short_contracts":
            contract_end[w] = start[w] + np.timedelta64(365, "D")
            end[w] = min(end[w], contract_end[w])
        elif kind == "uninsured":
            insurance[w] = "none"
        elif kind == "wrong_place":
            insurance_county[w] = "330102"
        elif kind == "pay_gap":
            wage[w] = 3000.0
    id_keys = np.char.add("k", np.arange(workers).astype(str)).astype(object)
    # an agency planted with "listed_twice" shares its first worker's person with the next worker of another agency
    twice_agencies = np.nonzero(agency_violation == AGENCY_VIOLATIONS.index("listed_twice"))[0]
    first_of_agency = np.full(agencies, -1)
    first_of_agency[agency_of[::-1]] = np.arange(workers)[::-1]
    extra = []
    for a in twice_agencies:
        w = first_of_agency[a]
        if w < 0:
            continue
        other = (a + 1) % agencies
        extra.append((w, other))
    direct = rng.integers(60, 400, hosts)
    direct[host_violation == kinds["cap"]] = 0  # filled below: the dispatched share over 10 %
    avg_wage = np.full(hosts, 5500.0)
    avg_wage[host_violation == kinds["pay_gap"]] = 6500.0
    outsourcing = host_violation == kinds["false_outsourcing"]
    on_payroll = np.where(outsourcing, 8, 0)
    dispatched_count = np.bincount(host_of, minlength=hosts)
    cap_hosts = host_violation == kinds["cap"]
    direct[cap_hosts] = np.maximum(0, dispatched_count[cap_hosts] * 4)  # 20 % dispatched
    direct[~cap_hosts] = np.maximum(direct[~cap_hosts], dispatched_count[~cap_hosts] * 12)  # under 10 %
    columns = {
        "host_uscc": host_ids[host_of], "agency_uscc": agency_ids[agency_of], "id_key": id_keys,
        "post_nature": nature, "work_county": np.full(workers, "500107", dtype=object),
        "insurance_county": insurance_county, "insurance_status": insurance,
        "dispatch_start": start, "dispatch_end": end, "contract_start": start, "contract_end": contract_end,
        "wage": wage}
    table = pa.table({k: pa.array(v.tolist() if v.dtype == object else v) for k, v in columns.items()})
    if extra:
        rows = table.take([w for w, _ in extra]).to_pydict()
        rows["agency_uscc"] = [agency_ids[o] for _, o in extra]
        table = pa.concat_tables([table, pa.table(rows, schema=table.schema)])
    table = table.cast(pa.schema([(f.name, pa.date32() if pa.types.is_timestamp(f.type) or pa.types.is_date(f.type)
                                   else f.type) for f in table.schema]))
    pq.write_table(table, out / "workers.parquet")
    pq.write_table(pa.table({"host_uscc": host_ids, "direct_employees": direct.astype("int64"),
                             "direct_avg_wage": avg_wage, "outsourcing_contract": outsourcing,
                             "outsourced_on_payroll": on_payroll.astype("int64")}), out / "hosts.parquet")
    expiry = np.full(agencies, np.datetime64(day, "D") + np.timedelta64(400, "D"))
    expiry[agency_violation == AGENCY_VIOLATIONS.index("licence_invalid")] = np.datetime64(day, "D") - np.timedelta64(5, "D")
    capital = np.full(agencies, 3_000_000.0)
    capital[agency_violation == AGENCY_VIOLATIONS.index("capital_short")] = 1_000_000.0
    pq.write_table(pa.table({"agency_uscc": agency_ids, "licence_expires_on": pa.array(expiry).cast(pa.date32()),
                             "licence_status": np.full(agencies, "valid", dtype=object).tolist(),
                             "registered_capital": capital}), out / "agencies.parquet")
    with open(out / "truth.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("kind", "key", "violation"))
        for h in np.nonzero(host_violation >= 0)[0]:
            writer.writerow(("host", host_ids[h], HOST_VIOLATIONS[host_violation[h]]))
            if HOST_VIOLATIONS[host_violation[h]] == "short_contracts":  # the agency's own breach (LCL Art. 58)
                writer.writerow(("agency", agency_ids[agency_of[first_worker[h]]], "short_contracts"))
        for a in np.nonzero(agency_violation >= 0)[0]:
            if AGENCY_VIOLATIONS[agency_violation[a]] == "listed_twice" and first_of_agency[a] < 0:
                continue
            writer.writerow(("agency", agency_ids[a], AGENCY_VIOLATIONS[agency_violation[a]]))
            if AGENCY_VIOLATIONS[agency_violation[a]] == "listed_twice":
                writer.writerow(("agency", agency_ids[(a + 1) % agencies], "listed_twice"))
    return {"agencies": agencies, "hosts": hosts, "workers": table.num_rows}
