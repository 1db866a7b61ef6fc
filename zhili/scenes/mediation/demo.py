"""Demo data of the 云调解室 scene, in the seed's own district, 重庆市九龙坡区 (the platform's core demo lies in 建德市
and counts its own people and bodies): the district's mediation committee with its administrator and two
mediators, a worker and an employer's representative with logins, and mediations in every state, so the room,
the inbox, the list and the cockpit show something real. Logins are printed by ``bin/up``.

The employers are not registered enterprises here (the employer is named by USCC and reached by its contact's
phone, as in a walk-in); their codes are made valid for the district and are examples, not real firms.
"""

import datetime as dt

from zhili.core.scenes.api import register_demo

DISTRICT = "500107"
COMMITTEE_NAME = "九龙坡区劳动人事争议调解委员会"
REGIONS = [("500000", "重庆市", "province", ""), ("500100", "重庆市市辖区", "city", "500000"),
           (DISTRICT, "九龙坡区", "county", "500100")]
# username: (name, phone, birth, sequence)
PEOPLE = {
    "mediation_admin": ("周静", "13908310021", "19800521", 22),
    "mediator_he": ("何建平", "13908310022", "19750811", 11),
    "mediator_tang": ("唐晓梅", "13908310023", "19830129", 24),
    "mediation_worker": ("刘强", "13908310031", "19920403", 31),
    "mediation_employer": ("王建设", "13908310032", "19790910", 33),
}
EMPLOYERS = [("重庆渝发建材有限公司", 1001), ("重庆九龙物流有限公司", 1002), ("重庆杨家坪餐饮管理有限公司", 1003)]
# Closed cases for the cockpit: (worker name, phone, employer index, dispute type, claims, outcome)
HISTORY = [
    ("方志强", "13908310101", 0, "wages", [("wages", "8600")], "settled"),
    ("吴小琴", "13908310102", 1, "double_wages", [("double_wages", "21000")], "settled"),
    ("郑海波", "13908310103", 2, "severance", [("severance", "15000"), ("wages", "3200")], "failed"),
    ("潘金龙", "13908310104", 1, "wages", [("wages", "5400")], "withdrawn"),
    ("童建华", "13908310105", 2, "work_injury", [("injury", "42000")], "failed"),
]


def make_id_number(region_code: str, birth: str, sequence: int) -> str:
    """A valid ID number (GB 11643 check digit) for a demo person."""
    first17 = f"{region_code}{birth}{sequence:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def make_uscc(region_code: str, sequence: int) -> str:
    from zhili.core.foundation.api import uscc_check_character

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    tail, n = "", sequence
    for _ in range(9):
        tail = alphabet[n % 31] + tail
        n //= 31
    first17 = f"91{region_code}{tail}"
    return first17 + uscc_check_character(first17)


def _person(username, name, phone, id_number, *, password, role, organization=None, region=None):
    from zhili.core.identity.api import User, add_membership, create_person, verify_real_name

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=password, phone=phone, actor=None)
        verify_real_name(user, name=name, id_number=id_number, actor=None)
    add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def _named(username, *, password, role, organization=None, region=None):
    name, phone, birth, sequence = PEOPLE[username]
    return _person(username, name, phone, make_id_number(DISTRICT, birth, sequence), password=password, role=role,
                   organization=organization, region=region)


def _play_history(county, employer_contact, password, *, sealer):
    from django.utils import timezone

    from . import services
    from .choices import Channel, DisputeType, Side
    from .roles import PARTY

    for index, (name, phone, employer, dispute_type, claims, outcome) in enumerate(HISTORY):
        party = _person(f"mediation_party_{index + 1}", name, phone,
                        make_id_number(DISTRICT, f"1986{index + 1:02d}15", 40 + index), password=password, role=PARTY)
        employer_name, sequence = EMPLOYERS[employer]
        m = services.apply_for_mediation(
            channel=Channel.WORKER, applicant_side=Side.WORKER, region=county, worker_name=name, worker_phone=phone,
            employer_name=employer_name, employer_uscc=make_uscc(DISTRICT, sequence),
            employer_phone=employer_contact.phone, dispute_type=dispute_type, actor=party,
            facts=f"{name}与{employer_name}就{DisputeType(dispute_type).label}发生争议（演示数据）。",
            claims=[{"kind": k, "amount": a} for k, a in claims])
        if outcome == "withdrawn":
            services.withdraw_application(m, actor=party, reason="已与单位自行和解")
            continue
        services.respond_to_invitation(m, accept=True, actor=employer_contact)
        m.refresh_from_db()
        if outcome == "failed":
            services.close_mediation(m, outcome="failed", note="双方对金额分歧过大，调解不成", actor=m.mediator)
        else:
            rec = services.save_record(m, text=f"经调解，{employer_name}同意支付{name}相关款项。", version=0,
                                       actor=m.mediator)
            services.confirm_record(m, sha256_seen=rec.sha256, actor=party)
            services.confirm_record(m, sha256_seen=rec.sha256, actor=employer_contact)
            due = timezone.localdate() + dt.timedelta(days=7)
            agreed = {c.pk: (str(int(c.amount * 8 / 10)), due) for c in m.claims.all()}
            agreement = services.draft_agreement(m, agreed=agreed, terms="银行转账至劳动者本人账户。", actor=m.mediator)
            for signer in (party, employer_contact, m.mediator):
                agreement = services.sign_agreement(agreement, actor=signer, agreed=True,
                                                    document_sha256=agreement.sha256)
            services.seal_agreement(agreement, actor=sealer, confirmed=True)
        m.refresh_from_db()
        services.rate_mediation(m, process=5, result=5 if outcome == "settled" else 3, mediator_score=5, actor=party)


def load(report) -> list[str]:
    """Create (once) the district, the committee, its people and mediations in every state."""
    from django.conf import settings

    from zhili.core.identity.api import Role, add_membership, role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, import_regions, region_by_code

    from . import services
    from .choices import Channel, Side
    from .models import Mediation, MediatorProfile
    from .roles import ADMIN, PARTY

    password = settings.DEMO_PASSWORD
    if region_by_code(DISTRICT) is None:
        import_regions([(i, {"code": c, "name": n, "level": lv, "parent_code": p})
                        for i, (c, n, lv, p) in enumerate(REGIONS, start=1)],
                       source="mediation demo (GB/T 2260: 重庆市九龙坡区)")
    county = region_by_code(DISTRICT)
    committee = (Organization.objects.filter(kind=OrganizationKind.MEDIATION_ORG, name=COMMITTEE_NAME).first()
                 or Organization.objects.create(kind=OrganizationKind.MEDIATION_ORG, name=COMMITTEE_NAME,
                                                region=county, address="重庆市九龙坡区杨家坪"))
    admin = _named("mediation_admin", password=password, role=ADMIN, organization=committee, region=county)
    # 周静 also keeps the committee's seal (印章管理员): she seals agreements after the mediator's signature
    add_membership(admin, role=Role.SEAL_KEEPER, organization=committee, region=county, actor=None)
    he = _named("mediator_he", password=password, role=Role.MEDIATOR, organization=committee, region=county)
    tang = _named("mediator_tang", password=password, role=Role.MEDIATOR, organization=committee, region=county)
    worker = _named("mediation_worker", password=password, role=PARTY)
    employer_contact = _named("mediation_employer", password=password, role=PARTY)
    if not MediatorProfile.objects.filter(user=he).exists():
        services.save_mediator_profile(he, organization=committee, region=county, actor=admin,
                                       introduction="专职调解员，擅长工资、经济补偿和工伤待遇争议")
    if not MediatorProfile.objects.filter(user=tang).exists():
        services.save_mediator_profile(tang, organization=committee, region=county, actor=admin,
                                       dispute_types=["wages", "severance", "double_wages"],
                                       introduction="兼职调解员，律师")

    if not Mediation.objects.filter(region=county).exists():
        _play_history(county, employer_contact, password, sealer=admin)
        employer_name, sequence = EMPLOYERS[0]
        live = services.apply_for_mediation(
            channel=Channel.WORKER, applicant_side=Side.WORKER, region=county, worker_name=worker.name,
            worker_phone=worker.phone, employer_name=employer_name, employer_uscc=make_uscc(DISTRICT, sequence),
            employer_phone=employer_contact.phone, dispute_type="wages", actor=worker,
            facts="2026年9月至11月工资共12,600元未发放，另有加班费2,400元，多次催要未果。",
            claims=[{"kind": "wages", "amount": "12600"}, {"kind": "overtime", "amount": "2400"}])
        services.respond_to_invitation(live, accept=True, actor=employer_contact)
        live.refresh_from_db()
        services.post_room_message(live, session="joint", text="双方好，我是本案调解员。今天在线调解欠薪争议。",
                                   actor=live.mediator)
        services.post_room_message(live, session="joint", text="我三个月工资都没拿到，希望尽快全额支付。", actor=worker)
        services.post_room_message(live, session="employer", text="单位资金紧张，希望分两期支付。",
                                   actor=employer_contact)
        services.apply_for_mediation(
            channel=Channel.WALK_IN, applicant_side=Side.WORKER, region=county, worker_name="许文华",
            worker_phone="13908310120", employer_name=EMPLOYERS[2][0], employer_uscc=make_uscc(DISTRICT, 1003),
            employer_phone=employer_contact.phone, dispute_type="severance", actor=admin,
            facts="口头申请：被单位口头辞退，要求支付经济补偿。", claims=[{"kind": "severance", "amount": "18000"}])

    for label, user in ((role_label(ADMIN), admin), (role_label(Role.MEDIATOR), he),
                        (role_label(PARTY) + "（劳动者）", worker), (role_label(PARTY) + "（用人单位）", employer_contact)):
        where = committee.name if user in (admin, he) else "云调解室"
        report.logins.append((label, user.username, password, f"{user.name} · {where}"))
    rows = Mediation.objects.filter(region=county)
    counts = {s: rows.filter(status=s).count() for s in ("settled", "failed", "mediating", "invited")}
    return [f"云调解室：{rows.count()} 件调解案件（成功 {counts['settled']}，不成 {counts['failed']}，"
            f"调解中 {counts['mediating']}，待对方确认 {counts['invited']}）"]


register_demo("mediation", load)
