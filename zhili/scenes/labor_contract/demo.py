"""Demo contracts: the first demo enterprise's contracts in every state, and paper contracts of the others.

Everything goes through the scene's services, as the people involved would do it: 李娜 (HR) drafts and
sends, the workers log in with their phones and sign (or decline), 陈静 (seal keeper) seals, so each
contract is checked by the rules, audited, in the ledger, and a completed one is really signed (PAdES B-LTA).
The load runs once: when the first demo enterprise already has contracts, nothing is added.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone

from zhili.core.scenes.api import ENTERPRISES, enterprise_usccs, register_demo, worker_specs

JOBS = ["数控车工", "装配钳工", "质检员", "仓库管理员", "机修工", "焊工", "电工", "铣工", "叉车司机", "包装工",
        "车间统计员", "磨工"]
# Enterprise 0's workers, by position among its 24, and what happens to their contract. The first two are the
# workers whose phones load_demo prints: their contracts wait for them to sign.
SENT = (0, 1, 5, 6, 7)
DRAFTS = (2, 3, 4)
WAITING_FOR_SEAL = (8, 9)
COMPLETED = (10, 11, 12, 13)
EXPIRED = (14,)
REJECTED = (15,)
PAPER_FROM = 16  # the rest of enterprise 0's workers have paper contracts signed before the platform
PAPER_ENTERPRISES = range(1, 10)  # and so do all the workers of the next nine enterprises
REJECT_REASON = "岗位与面试时约定的不一致，工作地点需再确认"


def seal_png() -> bytes:
    """A red round seal with a star on a transparent background (the demo company's seal image)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 232, 232), outline=(210, 20, 20, 255), width=10)
    draw.regular_polygon((120, 120, 42), 5, fill=(210, 20, 20, 255))
    draw.line([(60, 180), (180, 180)], fill=(210, 20, 20, 255), width=6)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def drawn_signature(seed: int) -> bytes:
    """A handwritten-looking stroke, different for each worker."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 240), (255, 255, 255, 0))
    points = [(40 + i * 75, 120 + ((seed * 37 + i * 53) % 110) - 55) for i in range(8)]
    ImageDraw.Draw(image).line(points, fill=(20, 20, 20, 255), width=7, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _values(spec, index: int, start: dt.date) -> dict:
    wage = Decimal(4800 + (index * 173) % 2400 // 10 * 10)
    return {
        "worker_name": spec.name, "worker_id_number": spec.id_number, "worker_phone": spec.phone,
        "job_title": JOBS[index % len(JOBS)], "work_place": "建德市新安江街道", "term_type": "fixed_term",
        "start_date": start, "end_date": start.replace(year=start.year + 3) - dt.timedelta(days=1),
        "probation_months": 3, "working_hour_system": "standard", "monthly_wage": wage,
        "probation_wage": wage * Decimal("0.8"),
    }


def _worker_signs(contract, spec, worker, *, drawn: bool) -> None:
    """The worker's journey on their phone: real name, disclosure, intent on the PDF shown, signature."""
    from . import services

    services.confirm_worker_identity(contract, name=spec.name, id_number=spec.id_number, actor=worker,
                                     ip_address="127.0.0.1", user_agent="demo")
    services.acknowledge_disclosure(contract, actor=worker, ip_address="127.0.0.1", user_agent="demo")
    document = services.ensure_contract_pdf(contract, actor=worker)
    intent = services.confirm_intent(contract, actor=worker, document_sha256=document.sha256, agreed=True,
                                     ip_address="127.0.0.1", user_agent="demo")
    if drawn:
        services.sign_as_worker(contract, actor=worker, intent=intent, signature_png=drawn_signature(contract.pk))
    else:
        services.sign_as_worker(contract, actor=worker, intent=intent, typed_name=spec.name)


def _paper_sheet(rows) -> bytes:
    """The CSV an HR office would upload to record its paper contracts (存量合同录入)."""
    from .importing import EXISTING_CONTRACT_COLUMNS

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header for header, _name, _required in EXISTING_CONTRACT_COLUMNS])
    names = [name for _header, name, _required in EXISTING_CONTRACT_COLUMNS]
    for row in rows:
        writer.writerow([row.get(name, "") for name in names])
    return out.getvalue().encode("utf-8")


def _paper_rows(specs, offset: int) -> list[dict]:
    rows = []
    for i, spec in enumerate(specs):
        n = offset + i
        start = dt.date(2023 + n % 3, 1 + n % 12, 1)
        rows.append({"worker_name": spec.name, "worker_id_number": spec.id_number, "worker_phone": spec.phone,
                     "job_title": JOBS[n % len(JOBS)], "term_type": "固定期限", "start_date": start.isoformat(),
                     "end_date": (start.replace(year=start.year + 3) - dt.timedelta(days=1)).isoformat(),
                     "probation_months": "0", "working_hour_system": "标准工时制",
                     "monthly_wage": str(4500 + (n * 211) % 3000),
                     "signed_on": (start - dt.timedelta(days=3)).isoformat()})
    return rows


def load(report) -> list[str]:  # noqa: PLR0915 - one story, told in order
    """Create the demo contracts (once); return the lines load_demo prints."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhili.core.foundation.api import pii
    from zhili.core.identity.api import User
    from zhili.core.orgs.api import Organization

    from . import services
    from .choices import AWAITING_WORKER_STATUSES
    from .models import LaborContract

    usccs = enterprise_usccs()
    enterprises = {e.uscc: e for e in Organization.objects.filter(uscc__in=usccs)}
    first = enterprises.get(usccs[0])
    hr, sealer, admin = (User.objects.filter(username=name).first() for name in ("hr_li", "seal_chen", "admin"))
    if first is None or hr is None or sealer is None or admin is None:
        return ["劳动合同演示数据：缺少演示企业或账号，未创建"]
    if LaborContract.objects.filter(employer=first).exists():
        return ["劳动合同演示数据：已存在，未重复创建"]

    specs = worker_specs()
    staff = [s for s in specs if s.enterprise_index == 0]
    phones = {s.phone: s for s in staff[:PAPER_FROM]}
    workers = {u.phone_index: u for u in User.objects.filter(
        phone_index__in=[pii.blind_index(p) for p in phones])}
    today = timezone.localdate()

    def worker_of(spec):
        return workers[pii.blind_index(spec.phone)]

    def draft(index: int, start: dt.date):
        return services.create_contract(_values(staff[index], index, start), employer=first, actor=hr)

    counts = dict.fromkeys(("draft", "sent", "waiting_for_seal", "completed", "expired", "rejected", "paper"), 0)
    # Expired first: the deadline check is run for the day after this invitation's deadline, and must find
    # no other invitation waiting (it would expire those too).
    for index in EXPIRED:
        contract = draft(index, today - dt.timedelta(days=10))
        services.send_contracts([contract], actor=hr)
        contract.refresh_from_db()
        day_after = contract.sign_deadline + dt.timedelta(days=1)
        others = LaborContract.objects.filter(status__in=AWAITING_WORKER_STATUSES, sign_deadline__lt=day_after)
        if not others.exclude(pk=contract.pk).exists():
            services.expire_unsigned_contracts(day_after)
            counts["expired"] += 1
        else:
            counts["sent"] += 1

    for index in DRAFTS:
        draft(index, today + dt.timedelta(days=14 + index))
        counts["draft"] += 1

    signing = {index: draft(index, today - dt.timedelta(days=index))
               for index in (*SENT, *WAITING_FOR_SEAL, *COMPLETED, *REJECTED)}
    services.send_contracts(list(signing.values()), actor=hr)
    for contract in signing.values():
        contract.refresh_from_db()
    counts["sent"] += len(SENT)

    for index in REJECTED:
        services.reject_contract(signing[index], actor=worker_of(staff[index]), reason=REJECT_REASON)
        counts["rejected"] += 1
    for index in (*WAITING_FOR_SEAL, *COMPLETED):
        _worker_signs(signing[index], staff[index], worker_of(staff[index]), drawn=index % 2 == 0)
    counts["waiting_for_seal"] += len(WAITING_FOR_SEAL)
    if services.active_seal(first) is None:
        services.upload_seal(first, seal_png(), actor=sealer)
    for index in COMPLETED:
        services.apply_seal(signing[index], actor=sealer, confirmed=True, ip_address="127.0.0.1", user_agent="demo")
        counts["completed"] += 1

    # Paper contracts signed before the platform: the rest of enterprise 0 (by its HR), and the workers of the
    # next enterprises, recorded by the platform administrator on their behalf.
    batches = [(first, hr, staff[PAPER_FROM:])]
    batches += [(enterprises[usccs[i]], admin, [s for s in specs if s.enterprise_index == i])
                for i in PAPER_ENTERPRISES if usccs[i] in enterprises]
    offset = 0
    for employer, actor, people in batches:
        sheet = SimpleUploadedFile("存量合同.csv", _paper_sheet(_paper_rows(people, offset)))
        offset += len(people)
        counts["paper"] += services.import_existing_contracts(sheet, employer=employer, actor=actor).batch.created_count

    waiting = ", ".join(f"{name} {phone}" for name, phone, _employer in report.worker_phones)
    lines = [
        "劳动合同演示数据（{employer}）：草稿 {draft}，待劳动者签署 {sent}，待盖章 {waiting_for_seal}，已签订 {completed}，"
        "已过期 {expired}，拒签 {rejected}；存量纸质合同 {paper}（{n} 家企业）".format(
            employer=ENTERPRISES[0][0], n=len(batches), **counts),
    ]
    if waiting:
        lines.append(f"劳动者用手机号登录即可签署待签合同：{waiting}")
    return lines


register_demo("labor_contract", load)
