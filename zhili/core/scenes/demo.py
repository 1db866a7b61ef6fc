"""The demo data set: 建德市 with its towns, 20 enterprises, 200 workers and the staff who serve them.

Everything is generated from a fixed seed, so every run produces the same people, and created through
the services, so each record is validated and audited like real data. Records that already exist
(found by USCC, ID number or username) are left as they are: running the load twice changes nothing.
"""

import io
import random
from dataclasses import dataclass, field

from django.db import transaction

from zhili.core.foundation import pii
from zhili.core.foundation.registry import Registry
from zhili.core.foundation.validators import id_number_check_digit, uscc_check_character

SEED = 20260101
COUNTY_CODE = "330182"
TOWN_CODES = {
    "新安江街道": "330182001000", "洋溪街道": "330182002000", "更楼街道": "330182003000",
    "莲花镇": "330182101000", "乾潭镇": "330182102000", "梅城镇": "330182104000", "杨村桥镇": "330182105000",
    "下涯镇": "330182106000", "大洋镇": "330182107000", "三都镇": "330182108000", "寿昌镇": "330182109000",
    "航头镇": "330182110000", "大慈岩镇": "330182111000", "大同镇": "330182112000", "李家镇": "330182113000",
    "钦堂乡": "330182202000",
}
BUREAU_NAME = "建德市人力资源和社会保障局"

# name, GB/T 4754 division, town, size, legal representative, is a labour-dispatch agency
ENTERPRISES = [
    ("浙江新安江精工机械有限公司", "34", "新安江街道", "medium", "方国强", False),
    ("建德市洋溪新材料化工有限公司", "26", "洋溪街道", "medium", "徐建平", False),
    ("杭州更楼建材有限公司", "30", "更楼街道", "large", "叶志明", False),
    ("建德市寿昌建筑工程有限公司", "47", "寿昌镇", "medium", "吴卫东", False),
    ("建德市梅城古城文化旅游发展有限公司", "88", "梅城镇", "small", "邵丽华", False),
    ("建德市乾潭苞茶茶业有限公司", "15", "乾潭镇", "small", "余永康", False),
    ("建德市大慈岩农业开发有限公司", "01", "大慈岩镇", "micro", "汪春生", False),
    ("建德市下涯食品有限公司", "14", "下涯镇", "small", "胡海燕", False),
    ("建德市杨村桥果蔬专业有限公司", "01", "杨村桥镇", "micro", "童建华", False),
    ("建德市三都物流有限公司", "54", "三都镇", "small", "项伟", False),
    ("建德市航头纺织有限公司", "17", "航头镇", "medium", "洪美娟", False),
    ("建德市大洋竹木制品有限公司", "20", "大洋镇", "small", "姜水根", False),
    ("建德市莲花电子科技有限公司", "39", "莲花镇", "small", "郑晓峰", False),
    ("建德市李家石料有限公司", "10", "李家镇", "small", "程有福", False),
    ("建德市大同塑料制品有限公司", "29", "大同镇", "small", "潘金龙", False),
    ("建德市钦堂生态农业有限公司", "03", "钦堂乡", "micro", "黄桂英", False),
    ("建德市新安江江景酒店有限公司", "61", "新安江街道", "small", "李彩霞", False),
    ("建德市严州味道餐饮管理有限公司", "62", "新安江街道", "micro", "钱小军", False),
    ("杭州建德人力资源服务有限公司", "72", "新安江街道", "small", "许文斌", True),
    ("建德市严州云软件技术有限公司", "65", "洋溪街道", "micro", "蒋一凡", False),
]
# How many of the 200 workers each enterprise employs, in the order above.
HEADCOUNTS = [24, 16, 22, 18, 6, 8, 5, 10, 4, 9, 20, 8, 9, 6, 8, 3, 6, 4, 10, 4]

# Real county-level codes (first four digits: a real prefecture) of the places the workers come from.
ORIGINS = [
    ("330182", 30), ("330127", 8), ("330122", 5), ("330781", 5), ("330825", 4),  # 浙江：建德 淳安 桐庐 兰溪 龙游
    ("341221", 6), ("341222", 5), ("341321", 4), ("340826", 4),  # 安徽：阜阳临泉 太和 宿州砀山 安庆宿松
    ("361127", 5), ("361128", 5), ("360281", 3),  # 江西：上饶余干 鄱阳 景德镇乐平
    ("410526", 4), ("411628", 4), ("411522", 4),  # 河南：安阳滑县 周口鹿邑 信阳光山
    ("511321", 4), ("510722", 3), ("511923", 3),  # 四川：南充南部 绵阳三台 巴中平昌
    ("520322", 3), ("520521", 3), ("520523", 3),  # 贵州：遵义桐梓 毕节大方 金沙
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余叶程汪方洪童邵"
MALE_GIVEN = ["伟", "强", "军", "磊", "勇", "杰", "涛", "斌", "超", "明", "建国", "国平", "志刚", "海波", "俊杰",
              "文斌", "建华", "晓东", "永康", "家豪", "子豪", "浩然", "宇航", "建军", "春生", "水根", "金龙", "德明"]
FEMALE_GIVEN = ["芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "秀英", "桂英", "美娟", "丽华", "海燕",
                "晓红", "雪梅", "春燕", "欣怡", "梓涵", "雨桐", "佳怡", "思雨", "彩霞", "玉兰", "小琴", "慧敏"]
MOBILE_PREFIXES = ["135", "136", "137", "139", "150", "151", "152", "157", "158", "159", "177", "180", "187",
                   "188", "189", "199"]

# login, name, role, organisation ("bureau" or "enterprise"), scope region code, male, phone, birth date
STAFF = [
    ("admin", "平台管理员", "platform_admin", None, None, None, "", ""),
    ("officer_wang", "王芳", "officer", "bureau", COUNTY_CODE, False, "13905710001", "19840612"),
    ("inspector_zhao", "赵强", "inspector", "bureau", COUNTY_CODE, True, "13905710002", "19810925"),
    ("mediator_sun", "孙丽", "mediator", "bureau", COUNTY_CODE, False, "13905710003", "19780314"),
    ("officer_town", "陈晓东", "officer", "bureau", TOWN_CODES["新安江街道"], True, "13905710004", "19900703"),
    ("hr_li", "李娜", "employer_admin", "enterprise", None, False, "13905710005", "19880216"),
    ("seal_chen", "陈静", "seal_keeper", "enterprise", None, False, "13905710006", "19860530"),
]


def make_id_number(region_code: str, birth: str, sequence: int) -> str:
    first17 = f"{region_code}{birth}{sequence:03d}"
    return first17 + id_number_check_digit(first17)


def make_uscc(region_code: str, sequence: int) -> str:
    """A valid unified social credit code (GB 32100) of an enterprise (登记管理部门 9, 类别 1)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    tail, n = "", sequence
    for _ in range(9):
        tail = alphabet[n % 31] + tail
        n //= 31
    first17 = f"91{region_code}{tail}"
    return first17 + uscc_check_character(first17)


@dataclass
class WorkerSpec:
    name: str
    id_number: str
    phone: str
    enterprise_index: int


@dataclass
class DemoReport:
    """What the load did, and the logins to print."""

    created: dict[str, int] = field(default_factory=lambda: {"enterprises": 0, "workers": 0, "staff": 0})
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)
    worker_phones: list[tuple[str, str, str]] = field(default_factory=list)


def worker_specs() -> list[WorkerSpec]:
    """The 200 demo workers, the same on every run."""
    rng = random.Random(SEED)
    codes, weights = zip(*ORIGINS, strict=True)
    ids, phones, specs = set(), {row[6] for row in STAFF}, []
    enterprise_of = [i for i, count in enumerate(HEADCOUNTS) for _ in range(count)]
    for index in range(sum(HEADCOUNTS)):
        male = rng.random() < 0.58
        while True:
            region = rng.choices(codes, weights)[0]
            birth = f"{rng.randint(1965, 2006)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            sequence = rng.randrange(0, 1000, 1) // 2 * 2 + (1 if male else 0)  # 17th digit: odd male, even female
            id_number = make_id_number(region, birth, sequence % 1000)
            if id_number not in ids:
                break
        while True:
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"
            if phone not in phones:
                break
        ids.add(id_number)
        phones.add(phone)
        given = rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
        specs.append(WorkerSpec(rng.choice(SURNAMES) + given, id_number, phone, enterprise_of[index]))
    return specs


def enterprise_usccs() -> list[str]:
    rng = random.Random(SEED + 1)
    return [make_uscc(COUNTY_CODE, rng.randrange(31 ** 8, 31 ** 9)) for _ in ENTERPRISES]


# Scenes add their own demo data (contracts, warnings, cases...) with a ``demo.py`` that calls
# ``register_demo("labor_contract", load)``, where ``load(report)`` is idempotent and returns lines to print.
# The scene loader imports each ``demo.py`` at start-up; the loaders run after the core data, each in its own
# transaction, in the order of INSTALLED_APPS.
_demo_loaders = Registry("demo loaders")


def register_demo(code: str, loader) -> None:
    _demo_loaders.register(code, loader)


def load_scene_demos(report: "DemoReport") -> list[str]:
    lines = []
    for loader in _demo_loaders.values():
        with transaction.atomic():
            lines += loader(report) or []
    return lines


def load(password: str) -> DemoReport:
    """Load (or complete) the demo data set and return what was created and the logins."""
    from django.core.management import call_command

    from zhili.core.identity.choices import Role
    from zhili.core.identity.models import Membership, User
    from zhili.core.identity.roles import role_label
    from zhili.core.identity.services import add_membership, create_person
    from zhili.core.orgs.choices import OrganizationKind
    from zhili.core.orgs.models import Industry, Organization, Region
    from zhili.core.orgs.services import register_department, register_enterprise

    report = DemoReport()
    with transaction.atomic():
        call_command("load_regions", stdout=io.StringIO())
        call_command("load_industries", stdout=io.StringIO())
        county = Region.objects.get(code=COUNTY_CODE)
        regions = {r.code: r for r in Region.objects.filter(path__startswith=county.path)}
        industries = {i.code: i for i in Industry.objects.all()}

        enterprises = []
        for (name, industry, town, size, legal, dispatch), uscc in zip(ENTERPRISES, enterprise_usccs(), strict=True):
            enterprise = Organization.objects.filter(uscc=uscc).first()
            if enterprise is None:
                enterprise = register_enterprise(
                    name=name, uscc=uscc, region=regions[TOWN_CODES[town]], industry=industries[industry],
                    size=size, legal_representative=legal, address=f"浙江省杭州市建德市{town}",
                    is_dispatch_agency=dispatch, actor=None)
                report.created["enterprises"] += 1
            enterprises.append(enterprise)

        bureau = Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=BUREAU_NAME,
                                             region=county).first()
        if bureau is None:
            bureau = register_department(name=BUREAU_NAME, region=county, actor=None)

        for username, name, role, where, scope, male, phone, birth in STAFF:
            user = User.objects.filter(username=username).first()
            if user is None:
                superuser = role == Role.PLATFORM_ADMIN
                id_number = make_id_number(COUNTY_CODE, birth, 11 if male else 22) if birth else ""
                user = create_person(name=name, username=username, password=password, phone=phone,
                                     id_number=id_number, is_staff=superuser, is_superuser=superuser, actor=None)
                report.created["staff"] += 1
            organization = {"bureau": bureau, "enterprise": enterprises[0]}.get(where)
            region = regions.get(scope) if scope else None
            if role != Role.PLATFORM_ADMIN and not Membership.objects.filter(
                    user=user, organization=organization, role=role).exists():
                add_membership(user, role=role, organization=organization, region=region, actor=None)
            report.logins.append((role_label(role), username, password,
                                  f"{user.display_name} · {organization or '平台'}"))

        specs = worker_specs()
        existing = set(User.objects.filter(
            id_number_index__in=[pii.blind_index(s.id_number) for s in specs]).values_list("id_number_index", flat=True))
        for spec in specs:
            if pii.blind_index(spec.id_number) in existing:
                continue
            worker = create_person(name=spec.name, id_number=spec.id_number, phone=spec.phone, actor=None)
            add_membership(worker, role=Role.WORKER, organization=enterprises[spec.enterprise_index], actor=None)
            report.created["workers"] += 1
        for spec in [s for s in specs if s.enterprise_index == 0][:2]:
            report.worker_phones.append((spec.name, spec.phone, ENTERPRISES[0][0]))
    return report

