"""Demo data of the 政策咨询机器人 scene: an officer and a decision-maker (logins printed by ``bin/up``), the official
texts shipped with the tests loaded, the knowledge base installed and a few questions asked."""

import datetime as dt
import hashlib
from pathlib import Path

from zhili.core.scenes.api import register_demo

COUNTY = "330122"  # 桐庐县: the core demo's people live in 建德市; this scene's officers serve another county
DEPARTMENT = "桐庐县人力资源和社会保障局"
OFFICER_USERNAME = "policy_qa_officer"
LEADER_USERNAME = "policy_qa_leader"
TEXTS = Path(__file__).resolve().parent / "tests" / "texts"

# file → (施行日期 of the version in the file, note); dates from the texts' own 施行 clauses or the amending decisions
TEXT_DATES = {
    "劳动合同法.txt": dt.date(2013, 7, 1),  # 2012-12-28 修正决定：自2013年7月1日起施行
    "劳动合同法实施条例.txt": dt.date(2008, 9, 18),  # 国务院令第535号，自公布之日起施行
    "劳动法.txt": dt.date(2018, 12, 29),
    "社会保险法.txt": dt.date(2018, 12, 29),
    "劳动争议调解仲裁法.txt": dt.date(2008, 5, 1),
    "保障农民工工资支付条例.txt": dt.date(2020, 5, 1),
    "工资支付暂行规定.txt": dt.date(1995, 1, 1),
    "职工带薪年休假条例.txt": dt.date(2008, 1, 1),
    "劳动保障监察条例.txt": dt.date(2004, 12, 1),
    "国务院关于职工工作时间的规定.txt": dt.date(1995, 5, 1),
    "工伤保险条例.txt": dt.date(2011, 1, 1),
    "女职工劳动保护特别规定.txt": dt.date(2012, 4, 28),
    "刑法节选.txt": dt.date(2011, 5, 1),  # 刑法修正案（八）自2011年5月1日起施行
}
QUESTIONS = ["没签劳动合同能要双倍工资吗", "老板不签合同怎么办", "干了半年被开除有没有补偿", "工地老板跑路了工钱找谁要",
             "加班费怎么算", "公司不给交社保怎么办", "上下班路上出车祸算工伤吗", "我家小孩上学的事能问吗"]


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _person(username: str, name: str, role: str, *, organization=None, region=None):
    from django.conf import settings

    from zhili.core.identity.api import User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             actor=None)
    add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def load_texts(actor) -> int:
    """Load the shipped sample texts that are not loaded yet; returns how many were loaded."""
    from . import services
    from .models import LawText
    from .texts import parse_text, read_document

    loaded = 0
    for name, day in TEXT_DATES.items():
        data = (TEXTS / name).read_bytes()
        short = parse_text(name, read_document(name, data)).short_title
        if not LawText.objects.filter(short_title=short).exists():
            services.load_text(name=name, data=data, actor=actor, effective_from=day)
            loaded += 1
    return loaded


def load(report) -> list[str]:
    from django.conf import settings

    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, region_by_code, register_department

    from . import services
    from .models import Article, Consultation, Entry
    from .roles import LEADER, OFFICER

    county = region_by_code(COUNTY)
    department = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=DEPARTMENT, region=county)
                  .first() or register_department(name=DEPARTMENT, region=county, actor=None))
    officer = _person(OFFICER_USERNAME, "政策咨询坐席", OFFICER, organization=department, region=county)
    leader = _person(LEADER_USERNAME, "劳动关系分析员", LEADER, organization=department, region=county)
    load_texts(officer)
    services.install_knowledge(actor=officer)
    if not Consultation.objects.exists():
        for i, question in enumerate(QUESTIONS):
            reply = services.ask(question, visitor=f"demo-{i}", region=county)
            if reply.outcome == "answered":
                services.rate_answer(reply.consultation, helpful=i % 4 != 3, visitor=f"demo-{i}")
    for role, user in ((OFFICER, officer), (LEADER, leader)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "政策咨询机器人"))
    return [f"政策咨询机器人：{Article.objects.count()} 条法规条文，{Entry.objects.count()} 个知识条目，"
            f"{Consultation.objects.count()} 条咨询"]


register_demo("policy_qa", load)
