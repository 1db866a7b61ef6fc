"""Synthetic department data for N enterprises, with planted risk patterns and a truth file.

Everything is drawn from one seeded generator, so the same arguments give the same files. Three planted
patterns (the truth) should end orange or red; everyone else gets background noise (a late payroll here, a
complaint there, no trade union) that alone should stay below orange:

- ``cascade_red``: stops paying electricity, then social insurance, then wages for two months (veto: red);
- ``cascade_orange``: electricity and one more utility unpaid, insurance arrears for two months, late wages
  and tax arrears;
- ``disputes``: arbitration (one collective), complaints, an inspection order and a labor suit.

Region codes below 九龙坡区 (500107) are synthetic: 12-digit town codes 500107 + NNN + 000.
"""

import csv
import datetime as dt
import random
from pathlib import Path

from zhili.core.foundation.api import uscc_check_character

from .datasets import DATASETS

COUNTY = ("500107", "九龙坡区")
TOWNS = ("杨家坪街道", "黄桷坪街道", "谢家湾街道", "石坪桥街道", "石桥铺街道", "渝州路街道", "二郎街道", "中梁山街道",
         "九龙街道", "华岩镇", "含谷镇", "金凤镇", "白市驿镇", "走马镇", "石板镇", "巴福镇", "陶家镇", "西彭镇",
         "铜罐驿镇")
INDUSTRIES = (("C", 25), ("F", 10), ("G", 22), ("H", 10), ("I", 5), ("L", 10), ("M", 5), ("K", 3), ("O", 7),
              ("E", 3))
WORDS = ("渝新", "九龙", "华岩", "巴渝", "山城", "嘉陵", "长江", "金凤", "西彭", "铜源", "鑫达", "恒信", "宏图", "瑞丰",
         "盛世", "永安", "德润", "天成", "博远", "众诚")
TRADES = {"C": "制造", "F": "建设工程", "G": "商贸", "H": "餐饮管理", "I": "信息技术", "L": "企业服务", "M": "科技",
          "K": "物业管理", "O": "家政服务", "E": "建筑安装"}
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PATTERNS = (("cascade_red", 0.005), ("cascade_orange", 0.004), ("disputes", 0.003))
MONTHS = 6


def month_ends(period_end: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The last days of the ``months`` months ending with the month of ``period_end``, oldest first."""
    ends = []
    first = period_end.replace(day=1)
    for _ in range(months):
        ends.append(_month_end(first))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return sorted(ends)


def _month_end(first: dt.date) -> dt.date:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def make_uscc(sequence: int, region_code: str = COUNTY[0]) -> str:
    """A valid unified social credit code (GB 32100) for an enterprise in ``region_code``."""
    tail, n = "", sequence
    for _ in range(9):
        tail = USCC_ALPHABET[n % 31] + tail
        n //= 31
    first17 = f"91{region_code}{tail}"
    return first17 + uscc_check_character(first17)


def town_codes(county: str = COUNTY[0]) -> list[tuple[str, str]]:
    return [(f"{county}{i:03d}000", name) for i, name in enumerate(TOWNS, start=1)]


class _Writer:
    """One CSV per dataset, written in the declared column order and streamed to disk in batches."""

    FLUSH_ROWS = 50_000

    def __init__(self, out: Path):
        self.out = out
        self.columns = {d.code: d.field_names for d in DATASETS}
        self.rows: dict[str, list] = {code: [] for code in self.columns}
        self.counts = dict.fromkeys(self.columns, 0)
        self.handles = {code: open(out / f"{code}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
                        for code in self.columns}
        self.writers = {code: csv.writer(handle) for code, handle in self.handles.items()}
        for code, writer in self.writers.items():
            writer.writerow(self.columns[code])
        self.ids = 0

    def add(self, code: str, **values):
        rows = self.rows[code]
        rows.append([values.get(name, "") for name in self.columns[code]])
        if len(rows) >= self.FLUSH_ROWS:
            self._flush(code)

    def event(self, code: str, **values):
        self.ids += 1
        self.add(code, record_id=f"{code[3:6].upper()}{self.ids:09d}", **values)

    def _flush(self, code: str) -> None:
        self.writers[code].writerows(self.rows[code])
        self.counts[code] += len(self.rows[code])
        self.rows[code] = []

    def close(self) -> dict[str, int]:
        for code, handle in self.handles.items():
            self._flush(code)
            handle.close()
        return dict(self.counts)


def _day_between(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def generate(out, *, enterprises: int, period_end: dt.date = dt.date(2025, 6, 30), seed: int = 2021,
             county: tuple[str, str] = COUNTY, province: tuple[str, str] = ("500000", "重庆市"),
             force: tuple[str, ...] = (), months: int = MONTHS) -> dict:
    """Write the datasets, ``regions.csv`` and ``truth.csv`` into ``out``; return the row counts.

    ``force`` plants the named patterns on the first enterprises (for small, deterministic test data).
    ``months`` is how many months of monthly records each enterprise has (the indicators read the last few;
    older months are history the departments keep, and make the files as large as real ones).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ends = month_ends(period_end, months)
    towns = town_codes(county[0])
    industry_codes = [code for code, weight in INDUSTRIES for _ in range(weight)]
    writer = _Writer(out)
    truth = []
    for number in range(enterprises):
        uscc = make_uscc(number + 1, county[0])
        industry = rng.choice(industry_codes)
        town_code, _town = towns[rng.randrange(len(towns))]
        pattern = ""
        draw = rng.random()
        threshold = 0.0
        for name, share in PATTERNS:
            threshold += share
            if draw < threshold:
                pattern = name
                break
        if number < len(force):
            pattern = force[number]
        if pattern:
            truth.append((uscc, pattern))
        name = f"重庆{rng.choice(WORDS)}{rng.choice(WORDS)}{TRADES[industry]}有限公司"
        writer.add("lr_enterprises", uscc=uscc, name=name, region_code=town_code, industry_code=industry,
                   registered_on=_day_between(rng, dt.date(2000, 1, 1), dt.date(2022, 12, 31)), status="active",
                   recorded_on=period_end)
        _enterprise(writer, rng, uscc, industry, pattern, ends, period_end)
    counts = writer.close()
    with open(out / "regions.csv", "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerow([province[0], province[1], "province", ""])
        w.writerow([county[0], county[1], "county", province[0]])
        w.writerows([[code, name, "town", county[0]] for code, name in towns])
    with open(out / "truth.csv", "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["uscc", "pattern"])
        w.writerows(truth)
    return {"enterprises": enterprises, "records": sum(counts.values()), "planted": len(truth), "files": counts}


def generate_for(out, enterprises: list[tuple[str, str, str, str, str]], *, period_end: dt.date, seed: int,
                 months: int = MONTHS, wage_account_industries: tuple[str, ...] = ("47", "48", "49", "50")) -> dict:
    """Write the datasets for the given enterprises (real ones: no ``regions.csv``, no truth file); return the counts.

    Each enterprise is ``(uscc, name, region_code, industry_code, pattern)``, the pattern one of ``PATTERNS``'
    names or empty. Enterprises of ``wage_account_industries`` (construction, GB/T 4754 divisions 47–50) keep
    a migrant workers' wage account (农民工工资专用账户).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ends = month_ends(period_end, months)
    writer = _Writer(out)
    for uscc, name, region_code, industry, pattern in enterprises:
        writer.add("lr_enterprises", uscc=uscc, name=name, region_code=region_code, industry_code=industry,
                   registered_on=_day_between(rng, dt.date(2000, 1, 1), dt.date(2022, 12, 31)), status="active",
                   recorded_on=period_end)
        _enterprise(writer, rng, uscc, industry, pattern, ends, period_end,
                    wage_account=industry in wage_account_industries)
    counts = writer.close()
    return {"enterprises": len(enterprises), "records": sum(counts.values()), "files": counts}


def _enterprise(w: _Writer, rng, uscc, industry, pattern, ends, period_end,  # noqa: C901, PLR0912, PLR0913, PLR0915
                wage_account: bool | None = None) -> None:
    size = max(3, int(rng.lognormvariate(3.0, 1.1)))
    wage = rng.randint(3500, 9000)
    last = len(ends) - 1
    kwh = size * rng.randint(150, 900)
    has_water, has_gas = rng.random() < 0.7, rng.random() < 0.2
    late_month = last - rng.randint(0, 2) if rng.random() < 0.03 else None
    si_gap_month = last - rng.randint(0, 5) if rng.random() < 0.015 else None
    seasonal_drop = rng.random() < 0.02
    headcount_dip = rng.random() < 0.01
    flags = {name: rng.random() < share for name, share in (
        ("unsigned", 0.04), ("filings", 0.03), ("dispatch", 0.02), ("overtime", 0.05), ("below_min", 0.01),
        ("shortfall", 0.05), ("water", 0.02), ("electricity", 0.015), ("gas", 0.01), ("tax", 0.02))}
    for m, end in enumerate(ends):
        current = m == last
        age = last - m  # months before the current one: the patterns are placed relative to it
        employees = size
        if pattern == "cascade_red" and age <= 1:
            employees = int(size * 0.6)
        insured = employees - (max(1, employees // 5) if current and rng.random() < 0.02 else 0)
        if headcount_dip and current:
            insured = int(insured * 0.6)
        w.add("lr_employment", uscc=uscc, month_end=end, employees=employees,
              unsigned_contracts=max(1, employees // 8) if current and flags["unsigned"] else 0,
              filings_missing=rng.randint(1, 3) if current and flags["filings"] else 0,
              uninsured=employees - insured,
              dispatched=max(1, employees // 6) if flags["dispatch"] else 0,
              overtime_over_36=rng.randint(1, 5) if current and flags["overtime"] else 0)
        status = "paid"
        if m == late_month:
            status = "late"
        if pattern == "cascade_red" and age <= 1:
            status = "unpaid"
        if pattern in ("cascade_orange", "disputes") and current:
            status = "late"
        due = employees * wage
        paid = 0 if status == "unpaid" else due
        w.add("lr_payroll", uscc=uscc, month_end=end, headcount=employees, wages_due_yuan=f"{due}.00",
              wages_paid_yuan=f"{paid}.00", status=status,
              below_minimum=rng.randint(1, 3) if current and flags["below_min"] else 0)
        if (industry == "F") if wage_account is None else wage_account:
            required = employees * wage
            short = required // 4 if current and flags["shortfall"] else 0
            w.add("lr_wage_account", uscc=uscc, month_end=end, required_yuan=f"{required}.00",
                  deposited_yuan=f"{required - short}.00", shortfall_yuan=f"{short}.00")
        si_due = round(insured * wage * 0.3)
        si_arrears = 0
        if m == si_gap_month or (pattern == "cascade_red" and age <= 2) or (pattern == "cascade_orange" and age <= 1):
            si_arrears = si_due
        w.add("lr_social_insurance", uscc=uscc, month_end=end, insured_headcount=insured,
              contribution_due_yuan=f"{si_due}.00", arrears_yuan=f"{si_arrears}.00")
        tax_arrears = rng.randint(2000, 50000) if current and (flags["tax"] or pattern == "cascade_orange") else 0
        w.add("lr_tax", uscc=uscc, month_end=end, tax_paid_yuan=f"{size * rng.randint(200, 900)}.00",
              arrears_yuan=f"{tax_arrears}.00")
        usage = kwh * rng.uniform(0.9, 1.1)
        stopped = (pattern == "cascade_red" and age <= 3) or (pattern == "cascade_orange" and age <= 2)
        if stopped or (seasonal_drop and age <= 2):
            usage *= 0.35
        e_arrears = round(usage * 0.8) if stopped or (current and flags["electricity"]) else 0
        w.add("lr_utilities", uscc=uscc, month_end=end, utility="electricity", usage=f"{usage:.1f}",
              arrears_yuan=f"{e_arrears}.00")
        if has_water or pattern == "cascade_orange":
            bill = size * 12
            unpaid = bill if (current and (flags["water"] or (pattern == "cascade_orange" and not has_gas))) else 0
            w.add("lr_utilities", uscc=uscc, month_end=end, utility="water", usage=f"{size * 3.5:.1f}",
                  arrears_yuan=f"{unpaid}.00")
        if has_gas:
            bill = size * 20
            unpaid = bill if current and (flags["gas"] or pattern == "cascade_orange") else 0
            w.add("lr_utilities", uscc=uscc, month_end=end, utility="gas", usage=f"{size * 8.0:.1f}",
                  arrears_yuan=f"{unpaid}.00")
    _events(w, rng, uscc, pattern, ends, period_end)
    w.add("lr_union_registry", uscc=uscc, month_end=ends[-1], has_union=size >= 25 or rng.random() < 0.3,
          has_mediation_committee=size >= 100 or rng.random() < 0.4, collective_contract=size >= 100)
    w.add("lr_credit_grades", uscc=uscc, month_end=ends[-1], grade="C" if rng.random() < 0.01 else
          rng.choice("AAB"))


def _events(w: _Writer, rng, uscc, pattern, ends, period_end) -> None:
    quarter = period_end - dt.timedelta(days=80)
    half = period_end - dt.timedelta(days=170)
    year = period_end - dt.timedelta(days=350)

    def chance(share):
        return rng.random() < share

    def day(start):
        return _day_between(rng, start, period_end)

    if chance(0.06):
        w.event("lr_complaints", uscc=uscc, received_on=day(quarter), kind=rng.choice(("contract", "insurance",
                                                                                       "other")), petition=False)
    if chance(0.01):
        w.event("lr_complaints", uscc=uscc, received_on=day(quarter), kind="wage", petition=False)
    if chance(0.03):
        w.event("lr_arbitrations", uscc=uscc, filed_on=day(half), workers=1, collective=False)
    if chance(0.02):
        w.event("lr_inspections", uscc=uscc, decided_on=day(year), kind="order")
    if chance(0.01):
        w.event("lr_court_records", uscc=uscc, filed_on=day(year), kind="labor_suit")
    if chance(0.01):
        w.event("lr_court_records", uscc=uscc, filed_on=day(year), kind=rng.choice(("enforcement", "dishonest")))
    if chance(0.005):
        w.event("lr_safety_records", uscc=uscc, occurred_on=day(year), kind="accident", casualties=rng.randint(0, 2))
    if chance(0.03):
        w.event("lr_safety_records", uscc=uscc, occurred_on=day(year), kind="work_injury", casualties=1)
    if chance(0.02):
        w.event("lr_safety_records", uscc=uscc, occurred_on=day(year), kind="penalty", casualties=0)
    if chance(0.02):
        w.event("lr_environment_penalties", uscc=uscc, decided_on=day(year), amount_yuan="20000.00")
    if chance(0.02):
        w.event("lr_market_records", uscc=uscc, decided_on=day(year), kind="abnormal_list", amount_yuan="")
    if chance(0.02):
        w.event("lr_market_records", uscc=uscc, decided_on=day(year), kind="penalty", amount_yuan="5000.00")
    if chance(0.01):
        w.event("lr_bank_loans", uscc=uscc, reported_on=day(quarter), overdue_days=rng.choice((30, 60, 95, 120)),
                amount_yuan=f"{rng.randint(10, 500) * 1000}.00")
    if pattern == "cascade_red":
        for _ in range(rng.randint(1, 3)):
            w.event("lr_complaints", uscc=uscc, received_on=day(ends[-2]), kind="wage", petition=chance(0.5))
    if pattern == "disputes":
        w.event("lr_arbitrations", uscc=uscc, filed_on=day(half), workers=rng.randint(5, 30), collective=True)
        for _ in range(rng.randint(1, 3)):
            w.event("lr_arbitrations", uscc=uscc, filed_on=day(half), workers=1, collective=False)
        w.event("lr_complaints", uscc=uscc, received_on=day(quarter), kind="wage", petition=False)
        for _ in range(2):
            w.event("lr_complaints", uscc=uscc, received_on=day(quarter), kind="contract", petition=chance(0.3))
        w.event("lr_inspections", uscc=uscc, decided_on=day(quarter), kind="order")
        w.event("lr_court_records", uscc=uscc, filed_on=day(half), kind="labor_suit")
