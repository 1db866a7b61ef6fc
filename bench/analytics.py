"""Benchmark: the twenty employment analyses on DuckDB and PostgreSQL, the ORM baseline and the cockpit API p95.

    python bench/analytics.py [--quick] [--contracts N] [--database-url postgresql://...]

1. 82,230 labor contracts (the number 建德 electronised) are written to a scratch PostgreSQL database
   (``zhili_bench_analytics``) through the ORM with their encrypted ID numbers, and the contract fact table is
   built from them by the real refresh (``refresh_contract_facts``).
2. Baseline: the Django-ORM loop that reads every contract and its employer, decrypts the ID number and
   aggregates all the analyses in Python, on those 82,230 contracts; scaled per contract to the workload.
3. The workload (1,000,000 contracts; ``--quick`` 100,000) is generated as facts with the same columns and
   distributions, written to Parquet and to the PostgreSQL mirror, and every analysis is run on each engine.
4. The cockpit JSON endpoint is timed at 82,230 contracts over a mix of filters, cold (cache cleared).
"""

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIANDE = 82_230


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 contracts instead of 1,000,000")
    parser.add_argument("--contracts", type=int, default=None)
    parser.add_argument("--database-url", default=None)
    return parser.parse_args()


def scratch_database_url(explicit):
    if explicit:
        return explicit
    server = os.environ.get("ZHILI_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    return server.rsplit("/", 1)[0] + "/zhili_bench_analytics"


def ensure_database(url):
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as con:
        if not con.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            con.execute(f'CREATE DATABASE "{name}"')


SECTIONS = "ABCDEFGHIJKLMNOPQRST"
TITLES = ["操作工", "普工", "工程师", "销售", "文员", "经理", "司机", "焊工", "会计", "厨师", "保安", "设计师"]
ORIGINS = ["330182"] * 6 + ["330106", "330122", "510104", "410102", "340102", "360102", "522601"]
STATUSES = ["completed"] * 6 + ["existing_paper"] * 8 + ["sent", "draft", "worker_signed", "revoked", "rejected"]


def make_world():
    """One county, twelve towns, twenty industry sections and 2,000 employers."""
    from zhili.core.orgs.models import Industry, Organization, Region
    from zhili.core.testing.factories import make_uscc

    county, _ = Region.objects.get_or_create(code="330182", defaults={"name": "建德市", "level": "county"})
    towns = []
    for i in range(1, 13):
        town, _ = Region.objects.get_or_create(code=f"330182{i:03d}000",
                                               defaults={"name": f"第{i}镇", "level": "town", "parent": county})
        towns.append(town)
    industries = [Industry.objects.get_or_create(code=c, defaults={"name": f"门类{c}"})[0] for c in SECTIONS]
    existing = list(Organization.objects.filter(kind="enterprise"))
    if len(existing) >= 2000:
        return existing
    sizes = ["micro", "small", "small", "medium", "large"]
    return Organization.objects.bulk_create([
        Organization(kind="enterprise", name=f"建德基准企业{i}有限公司", uscc=make_uscc(sequence=5_000_000 + i),
                     region=towns[i % 12], industry=industries[(i * 7) % 20], size=sizes[i % 5])
        for i in range(2000)])


def make_contracts(employers, count):
    """``count`` labor contracts with encrypted ID numbers and phones (the ORM's bulk path, not timed)."""
    import random
    from decimal import Decimal

    from zhili.core.testing.factories import make_id_number
    from zhili.scenes.labor_contract.models import LaborContract

    if LaborContract.objects.count() >= count:
        return
    LaborContract.objects.all().delete()
    rng = random.Random(20210715)
    batch = []
    for i in range(count):
        start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randint(0, 3100))
        term = rng.choice(["fixed_term"] * 8 + ["open_ended", "task_based"])
        end = start + dt.timedelta(days=rng.choice([364, 729, 1094, 1825])) if term == "fixed_term" else None
        status = rng.choice(STATUSES)
        sent = dt.datetime.combine(start, dt.time(9), tzinfo=dt.UTC) - dt.timedelta(days=2)
        completed = sent + dt.timedelta(hours=rng.randint(1, 72)) if status == "completed" else None
        birth = f"{rng.randint(1962, 2006)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        batch.append(LaborContract(
            number=f"B{i:08d}", employer=employers[i % len(employers)], worker_name="基准",
            worker_id_number=make_id_number(region_code=rng.choice(ORIGINS), birth=birth, sequence=i % 1000),
            worker_phone=f"139{i:08d}", job_title=rng.choice(TITLES), work_place="建德市", term_type=term,
            start_date=start, end_date=end, probation_months=rng.choice([0, 0, 1, 2, 3, 6]),
            monthly_wage=Decimal(rng.choice([2100, 2300, 2480, 3000, 4000, 5000, 6500, 8000, 12000, 20000])),
            status=status, channel=rng.choice(["remote", "remote", "on_site"]), sent_at=sent, completed_at=completed,
            idempotency_key=f"bench:{i}"))
        if len(batch) == 5000:
            LaborContract.objects.bulk_create(batch)
            batch = []
    LaborContract.objects.bulk_create(batch)


def baseline(period_from, as_of):
    """The naive path: an ORM loop over every contract that aggregates all the analyses in Python."""
    from collections import Counter, defaultdict

    from zhili.core.foundation.validators import birth_date_from_id
    from zhili.scenes.labor_contract.analytics.facts import HIRE_STATUSES, PENDING, job_category
    from zhili.scenes.labor_contract.models import LaborContract
    from zhili.scenes.labor_contract.rules import minimum_wage, term_months

    tallies = defaultdict(Counter)
    wages, hours = [], defaultdict(list)
    months = [(period_from.replace(month=m), (period_from.replace(month=m % 12 + 1, day=1) - dt.timedelta(days=1))
               if m < 12 else period_from.replace(month=12, day=31)) for m in range(1, 13)]
    for c in LaborContract.objects.select_related("employer__region", "employer__industry").iterator(chunk_size=2000):
        id_number = c.worker_id_number
        hire = c.status in HIRE_STATUSES
        for first, last in months:
            if hire and c.start_date <= last and (c.end_date is None or c.end_date >= last):
                tallies["headcount"][first] += 1
            if hire and first <= c.start_date <= last:
                tallies["new"][first] += 1
            if hire and c.end_date and first <= c.end_date <= last:
                tallies["gone"][first] += 1
        employed = hire and c.start_date <= as_of and (c.end_date is None or c.end_date >= as_of)
        if c.completed_at and period_from <= c.completed_at.date() <= as_of and c.sent_at:
            hours[c.channel].append((c.completed_at - c.sent_at).total_seconds() / 3600)
        if hire and period_from <= c.start_date <= as_of:
            tallies["probation"][c.probation_months] += 1
        if c.status == "completed" or c.status == "existing_paper":
            for days in (30, 60, 90):
                if c.end_date and as_of < c.end_date <= as_of + dt.timedelta(days=days):
                    tallies["expiring"][days] += 1
        if not employed:
            continue
        tallies["province"][id_number[:2]] += 1
        tallies["city"][id_number[:4]] += 1
        tallies["local"][id_number[:6] == "330182"] += 1
        tallies["sex"][int(id_number[16]) % 2] += 1
        tallies["age"][(as_of.year - birth_date_from_id(id_number).year) // 10] += 1
        tallies["industry"][c.employer.industry.code if c.employer.industry else ""] += 1
        tallies["size"][c.employer.size] += 1
        tallies["town"][c.employer.region.code] += 1
        tallies["term"][c.term_type] += 1
        tallies["talent"][job_category(c.job_title)] += 1
        tallies["unsigned"][c.status in PENDING] += 1
        if c.term_type == "fixed_term" and c.end_date:
            tallies["length"][term_months(c.start_date, c.end_date) // 12] += 1
        if c.monthly_wage is not None:
            wage = float(c.monthly_wage)
            wages.append(wage)
            tallies["wage_band"][int(wage // 2000)] += 1
            rule = minimum_wage(c.employer.region.code, c.start_date)
            if rule is not None:
                tallies["minimum"][wage <= float(rule.monthly) * 1.1] += 1
    quartiles = statistics.quantiles(wages, n=4) if len(wages) > 1 else []
    medians = {k: statistics.median(v) for k, v in hours.items() if v}
    return tallies, quartiles, medians


def synthetic_facts(n, schema):
    """``n`` fact rows with the distributions of the generated contracts (vectorised with numpy)."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(7)
    towns = np.array([f"330182{i:03d}000" for i in range(1, 13)])
    town_index = rng.integers(0, 12, n)
    employer = rng.integers(1, 20_001, n)
    start = np.datetime64("2018-01-01") + rng.integers(0, 3100, n).astype("timedelta64[D]")
    term = rng.choice(np.array(["fixed_term"] * 8 + ["open_ended", "task_based"]), n)
    length = rng.choice(np.array([364, 729, 1094, 1825]), n).astype("timedelta64[D]")
    end = np.where(term == "fixed_term", start + length, np.datetime64("NaT"))
    status = rng.choice(np.array(STATUSES), n)
    completed = np.where(status == "completed", (start - np.timedelta64(2, "D")).astype("datetime64[us]")
                         + rng.integers(1, 72, n).astype("timedelta64[h]"), np.datetime64("NaT"))
    origins = rng.choice(np.array(ORIGINS), n)
    wages = rng.choice(np.array([2100, 2300, 2480, 3000, 4000, 5000, 6500, 8000, 12000, 20000.0]), n)
    cats = np.array(["production", "professional", "service", "clerical", "manager", "other"])
    columns = {
        "contract_id": np.arange(n), "employer_id": employer, "employer_name": np.char.add("企业", employer.astype(str)),
        "region_path": np.char.add("/330182/", np.char.add(towns[town_index], "/")),
        "county_code": np.full(n, "330182"), "town_code": towns[town_index],
        "industry": np.array(list(SECTIONS))[(employer * 7) % 20],
        "size": np.array(["micro", "small", "small", "medium", "large"])[employer % 5],
        "sex": rng.choice(np.array(["M", "F"]), n), "birth_year": rng.integers(1962, 2007, n).astype("int32"),
        "origin_province": np.char.add(np.char.ljust(origins.astype("U2"), 2), "0000"),
        "origin_city": np.char.add(origins.astype("U4"), "00"), "is_local": origins == "330182",
        "monthly_wage": wages, "minimum_wage": np.where(start >= np.datetime64("2025-01-01"), 2260.0, 2070.0),
        "term_type": term, "term_months": np.where(term == "fixed_term", length.astype(int) // 30, -1).astype("int32"),
        "probation_months": rng.choice(np.array([0, 0, 1, 2, 3, 6]), n).astype("int32"),
        "channel": rng.choice(np.array(["remote", "remote", "on_site"]), n), "status": status,
        "start_date": start, "end_date": end, "completed_at": completed,
        "sign_hours": np.where(status == "completed", rng.integers(1, 72, n).astype(float), np.nan),
        "job_category": rng.choice(cats, n),
    }
    arrays = []
    for field in schema:
        values = columns[field.name]
        mask = None
        if field.name in ("end_date", "completed_at"):
            mask = np.isnat(values)
        elif field.name == "sign_hours":
            mask = np.isnan(values)
        elif field.name == "term_months":
            mask = values < 0
        arrays.append(pa.array(values, type=field.type, mask=mask, from_pandas=False))
    return pa.Table.from_arrays(arrays, schema=schema)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_all(facts_table, engine, period, names):
    from zhili.scenes.labor_contract.analytics.analyses import run_all
    from zhili.scenes.labor_contract.analytics.selection import Selection

    started = time.perf_counter()
    run_all(facts_table, Selection(), period, names)
    return time.perf_counter() - started


def main():
    args = parse_args()
    workload = args.contracts or (100_000 if args.quick else 1_000_000)
    url = scratch_database_url(args.database_url)
    ensure_database(url)
    scratch = tempfile.mkdtemp(prefix="zhili-bench-analytics-")
    os.environ.update(ZHILI_DATABASE_URL=url, ZHILI_VAR_DIR=scratch, DJANGO_SETTINGS_MODULE="zhili.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from zhili.core.dashboards.api import fact_table
    from zhili.core.dashboards.facts import write_postgres_mirror
    from zhili.core.identity.choices import Role
    from zhili.core.identity.models import Membership, User
    from zhili.core.orgs.models import Region
    from zhili.scenes.labor_contract.analytics.facts import CONTRACT_FACTS
    from zhili.scenes.labor_contract.analytics.queries import default_period
    from zhili.scenes.labor_contract.analytics.selection import Names, Period
    from zhili.scenes.labor_contract.analytics.services import refresh_contract_facts

    call_command("migrate", verbosity=0)
    employers = make_world()
    make_contracts(employers, JIANDE)
    as_of = dt.date(2026, 6, 30)
    period = Period(dt.date(2026, 1, 1), as_of)

    county = Region.objects.get(code="330182")
    user, _ = User.objects.get_or_create(username="bench_officer", defaults={"name": "基准官员"})
    Membership.objects.get_or_create(user=user, role=Role.OFFICER, region=county)
    started = time.perf_counter()
    state = refresh_contract_facts(actor="bench", full=True)  # also grades indices and warms the default views
    refresh_s = time.perf_counter() - started

    started = time.perf_counter()
    baseline(dt.date(2026, 1, 1), as_of)
    baseline_jiande_s = time.perf_counter() - started
    baseline_s = baseline_jiande_s * workload / JIANDE

    # Cockpit API at 82,230 contracts. Page views: the officer's default view and each town's drill-down,
    # computed by the refresh job; then arbitrary filter mixes, cold (cache cleared before each request).
    client = Client()
    client.force_login(user)
    start, end = default_period(dt.date.today())
    views = [{"region": "330182"}] + [{"region": f"330182{i:03d}000"} for i in range(1, 13)]
    page = []
    for i in range(40):
        started = time.perf_counter()
        response = client.get("/labor_contract/analytics/data.json",
                              {**views[i % len(views)], "date_from": str(start), "date_to": str(end)})
        page.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    variants = [{"industry": "C"}, {"size": "small"}, {"region": "330182001000", "industry": "H"},
                {"date_from": "2025-01-01", "date_to": "2025-12-31"}, {"industry": "G", "size": "micro"}]
    cold = []
    for i in range(10):
        shutil.rmtree(Path(scratch) / "dashboards" / "results", ignore_errors=True)
        started = time.perf_counter()
        response = client.get("/labor_contract/analytics/data.json", variants[i % len(variants)])
        cold.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]

    # The workload: synthetic facts on DuckDB (Parquet) and on PostgreSQL (mirror table).
    import pyarrow.parquet as pq

    facts = synthetic_facts(workload, CONTRACT_FACTS.arrow_schema())
    bench_table = type(CONTRACT_FACTS)(code="labor_contract.bench", columns=CONTRACT_FACTS.columns,
                                       key="contract_id", build=lambda since: facts)
    path = Path(scratch) / "dashboards" / "facts" / "labor_contract_bench.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(facts, path)
    with connection.cursor():
        write_postgres_mirror(bench_table, facts)
    connection.commit() if not connection.get_autocommit() else None
    names = Names()
    duck = fact_table(bench_table, "duckdb")
    time_all(duck, "duckdb", period, names)  # loads the table and warms the compiler
    duckdb_s = min(time_all(duck, "duckdb", period, names) for _ in range(2))
    pg = fact_table(bench_table, "postgres")
    postgres_s = time_all(pg, "postgres", period, names)

    print(json.dumps({
        "contracts": workload,
        "all_analyses_s_duckdb": round(duckdb_s, 3),
        "all_analyses_s_postgres": round(postgres_s, 3),
        "baseline": "Django ORM loop aggregating in Python (decrypting each ID number)",
        "baseline_contracts": JIANDE,
        "baseline_measured_s": round(baseline_jiande_s, 2),
        "baseline_s": round(baseline_s, 2),
        "ratio": round(baseline_s / duckdb_s, 1),
        "ratio_postgres": round(baseline_s / postgres_s, 1),
        "cockpit_contracts": JIANDE,
        "cockpit_p95_ms": round(p95(page), 1),
        "cockpit_requests": "default view and town drill-downs, computed by the refresh job",
        "cockpit_uncached_p95_ms": round(p95(cold), 1),
        "cockpit_uncached_median_ms": round(statistics.median(cold), 1),
        "facts_refresh_s": round(refresh_s, 2),
        "facts_rows": state.row_count,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
