"""Demo data of the 人大代表履职 scene in 台州 (the seed's pilot): the province's, 台州市's and 路桥区's congresses, two
liaison stations of 路桥区, deputies, departments, and citizens' opinions at every step of the closed loop; a login per
role (printed by ``bin/up``). The core demo's people live in 建德市; this scene's bodies serve another county."""

import hashlib

from zhili.core.scenes.api import register_demo

OFFICE_USERNAME = "deputy_duty_office"
DEPUTY_USERNAME = "deputy_duty_deputy"
HANDLER_USERNAME = "deputy_duty_handler"
CITIZEN_USERNAME = "deputy_duty_citizen"
PROVINCE, CITY, COUNTY = "330000", "331000", "331004"  # 浙江省, 台州市, 路桥区
DEPARTMENTS = ["台州市路桥区住房和城乡建设局", "台州市路桥区交通运输局", "台州市路桥区教育局"]

OPINIONS = [
    # title, text, station index, outcome
    ("银安街路口红绿灯时间太短", "路桥大道与银安街路口的人行绿灯只有 15 秒，老人过马路来不及，建议延长到 30 秒。", 0, "closed"),
    ("小区旁垃圾清运不及时", "南官社区东侧垃圾点每天下午才清运，夏天气味很大，建议上午增加一次清运。", 0, "replied"),
    ("学校门口缺少接送车位", "路桥小学门口放学时车辆拥堵，建议在附近规划临时接送车位。", 0, "referred"),
    ("社区活动室开放时间", "社区老年活动室周末不开放，希望周末也能开放半天。", 0, "answered"),
    ("金清镇公交班次太少", "金清到城区的公交每小时一班，早高峰不够，建议加密班次。", 1, "submitted"),
    ("邻居噪音扰民", "楼上住户深夜装修噪音很大，住户电话 13912345678，多次沟通无果，希望协调。", 0, "submitted"),
]


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


def _department(name, region):
    from zhili.core.orgs.api import Organization, OrganizationKind, register_department

    return (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=name, region=region).first()
            or register_department(name=name, region=region, actor=None))


def _advance(opinion, outcome, *, office, handler, deputy_user, citizen, departments):
    from . import services
    from .choices import OpinionCategory

    if outcome == "submitted":
        return
    if outcome == "answered":
        services.grade_opinion(opinion, category=OpinionCategory.GOVERNANCE, actor=office,
                               answer="已与社区沟通，自下月起周六上午开放老年活动室。")
        return
    opinion = services.grade_opinion(opinion, category=OpinionCategory.TRANSPORT, department=departments[0],
                                     actor=office)
    if outcome == "referred":
        return
    opinion = services.reply_opinion(opinion, text="已会同交警部门核查，将于本月内调整信号配时并加装语音提示。",
                                     actor=handler)
    if outcome == "closed":
        services.rate_opinion(opinion, verdict="satisfied", actor=citizen)
        services.rate_opinion(opinion, verdict="satisfied", actor=deputy_user)


PROJECTS_2026 = [("城区老旧小区加装电梯", "为 30 个老旧小区加装电梯 60 台", "1800"),
                 ("金清镇农贸市场改造", "改造提升农贸市场 2 个", "600"),
                 ("中小学食堂明厨亮灶", "全区中小学食堂明厨亮灶全覆盖", "300")]
PROJECTS_2027 = [("公交线路加密", "城乡公交线路加密班次，早高峰 15 分钟一班", "900"),
                 ("社区嵌入式托育", "新建社区托育点 10 个", "750"),
                 ("背街小巷改造", "改造背街小巷 40 条", "1200"),
                 ("居家养老服务中心", "新建镇级居家养老服务中心 3 个", "800")]


def district_has_votes(county) -> bool:
    from .models import VotingSession

    return VotingSession.objects.filter(congress__region=county).exists()


def _votes(county, office, deputy_users, departments):
    """A tallied vote on 2026's projects (both deputies voted) and an open one on 2027's (nobody has yet)."""
    import datetime as dt

    from django.utils import timezone

    from . import services
    from .models import Congress

    district = Congress.objects.get(region=county)
    now = timezone.now()
    past = [services.propose_project(congress=district, year=2026, title=t, description=d, budget=b,
                                     department=departments[i % len(departments)], actor=office)
            for i, (t, d, b) in enumerate(PROJECTS_2026)]
    held = services.open_voting(congress=district, title="2026 年民生实事项目票决", projects=past, seats=2,
                                opens_at=now - dt.timedelta(days=300, hours=2),
                                closes_at=now - dt.timedelta(days=300), actor=office)
    for user, picks in zip(deputy_users, (("for", "for", "against"), ("for", "abstain", "for")), strict=True):
        services.cast_vote(held, choices=dict(zip([p.pk for p in past], picks, strict=True)), actor=user,
                           now=now - dt.timedelta(days=300, hours=1))
    services.tally_votes(held, actor=office)
    coming = [services.propose_project(congress=district, year=2027, title=t, description=d, budget=b,
                                       department=departments[i % len(departments)], actor=office)
              for i, (t, d, b) in enumerate(PROJECTS_2027)]
    services.open_voting(congress=district, title="2027 年民生实事项目票决", projects=coming, seats=3,
                         opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(days=30), actor=office)


def _duty_services(county, office, deputy_user):
    """A past activity the deputy joined and reported, a coming one, a duty registration awaiting the office, a
    learning material, a draft open for comment and a delegation's motion awaiting the presidium."""
    import datetime as dt

    from django.utils import timezone

    from . import services
    from .models import Activity, Congress, Deputy

    district = Congress.objects.get(region=county)
    if Activity.objects.filter(congress=district).exists():
        return
    deputy = Deputy.objects.get(user=deputy_user, congress=district)
    now = timezone.now()
    held = services.publish_activity(congress=district, kind="inspection", title="视察老旧小区加装电梯",
                                     description="实地查看城区老旧小区加装电梯进展，听取住户意见。", place="路桥街道南官社区",
                                     starts_at=now - dt.timedelta(days=6), actor=office)
    services.join_activity(held, actor=deputy_user, now=now - dt.timedelta(days=8))
    services.report_activity(held, text="查看了 3 个小区 5 台电梯，住户反映维保费用分摊不清，已建议住建局出台指引。",
                             actor=deputy_user, now=now - dt.timedelta(days=5))
    services.publish_activity(congress=district, kind="reception", title="代表进站接待选民日",
                              description="每月 15 日代表进站接待选民，听取意见建议。", place="路桥街道人大代表联络站",
                              starts_at=now + dt.timedelta(days=9), actor=office)
    services.register_duty(deputy=deputy, kind="contact", done_on=timezone.localdate() - dt.timedelta(days=2),
                           text="走访选区内 12 户困难家庭，了解医保报销情况。", actor=deputy_user)
    services.publish_material(congress=district, title="代表法学习要点：代表建议的办理",
                              body="代表法第四十九条：有关机关、组织应当与代表联系沟通，充分听取意见，自交办之日起三个月内答复；"
                                   "涉及面广、处理难度大的，应当书面告知代表，并在六个月内答复。", actor=office)
    services.publish_draft(congress=district, title="路桥区农村生活垃圾分类管理办法（征求意见稿）",
                           text="第一条 为推进农村生活垃圾分类……\n第五条 村民应当按照分类标准投放生活垃圾。",
                           opens_at=now - dt.timedelta(days=3), closes_at=now + dt.timedelta(days=27), actor=office)
    motion = services.draft_suggestion(deputy=deputy, kind="motion", by_delegation=True,
                                       title="关于制定路桥区电动自行车停放充电管理规定的议案",
                                       text="案由：居民楼内电动自行车充电火灾隐患突出。建议区人大常委会制定停放充电管理规定。",
                                       actor=deputy_user)
    services.submit_suggestion(motion, actor=deputy_user)


def load(report) -> list[str]:
    """Create (once) the congresses, stations, deputies, departments, the scene's users and the demo opinions."""
    from django.conf import settings

    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import region_by_code

    from . import services
    from .choices import CongressLevel, OpinionChannel
    from .models import Congress, Opinion
    from .roles import CITIZEN, DEPUTY, HANDLER, OFFICE

    province, city, county = (region_by_code(c) for c in (PROVINCE, CITY, COUNTY))
    congress_office = _department("台州市路桥区人大常委会", county)
    departments = [_department(name, county) for name in DEPARTMENTS]
    office = _person(OFFICE_USERNAME, "叶红梅", OFFICE, organization=congress_office, region=county)
    handler = _person(HANDLER_USERNAME, "方志强", HANDLER, organization=departments[0], region=county)
    deputy_user = _person(DEPUTY_USERNAME, "陈建国", DEPUTY)
    citizen = _person(CITIZEN_USERNAME, "王秀英", CITIZEN)
    if not Congress.objects.filter(region=county).exists():
        provincial = _person("deputy_duty_province", "林海", OFFICE,
                             organization=_department("浙江省人大常委会", province), region=province)
        services.create_congress(region=province, level=CongressLevel.PROVINCE, name="浙江省第十四届人民代表大会",
                                 term=14, actor=provincial)
        services.create_congress(region=city, level=CongressLevel.CITY, name="台州市第六届人民代表大会", term=6,
                                 actor=provincial)
        district = services.create_congress(region=county, level=CongressLevel.COUNTY,
                                            name="台州市路桥区第七届人民代表大会", term=7, actor=office)
        stations = [
            services.register_station(congress=district, region=county, name="路桥街道人大代表联络站",
                                      area="路桥街道各社区", address="路桥区路桥街道银安街 1 号",
                                      opening_hours="每周三 9:00–11:30，每月 15 日代表接待日", actor=office),
            services.register_station(congress=district, region=county, name="金清镇人大代表联络站",
                                      area="金清镇各村社", address="路桥区金清镇人民路 8 号",
                                      opening_hours="每周五 14:00–17:00", actor=office),
        ]
        deputy = services.register_deputy(user=deputy_user, congress=district, constituency="路桥街道第三选区",
                                          delegation="路桥街道代表组", station=stations[0], actor=office)
        other = _person("deputy_duty_deputy2", "徐丽华", DEPUTY)
        services.register_deputy(user=other, congress=district, constituency="金清镇第一选区",
                                 delegation="金清镇代表组", station=stations[1], actor=office)
        for title, text, index, outcome in OPINIONS:
            opinion = services.submit_opinion(station=stations[index], deputy=deputy if index == 0 else None,
                                              channel=OpinionChannel.DEPUTY_QR if index == 0 else
                                              OpinionChannel.STATION_QR, title=title, text=text, actor=citizen)
            _advance(opinion, outcome, office=office, handler=handler, deputy_user=deputy_user, citizen=citizen,
                     departments=departments)
        services.submit_opinion(station=stations[0], deputy=deputy, channel=OpinionChannel.DEPUTY_UPLOAD,
                                citizen_name="李大伯", title="村道路灯损坏", text="新桥镇横街村三组村道三盏路灯损坏一月有余。",
                                actor=deputy_user)
    if not district_has_votes(county):
        _votes(county, office, [deputy_user, _person("deputy_duty_deputy2", "徐丽华", DEPUTY)], departments)
    _duty_services(county, office, deputy_user)
    for role, user in ((OFFICE, office), (DEPUTY, deputy_user), (HANDLER, handler), (CITIZEN, citizen)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "人大代表履职"))
    return [f"人大代表履职：{Opinion.objects.count()} 条群众意见，{Congress.objects.count()} 个人大"]


register_demo("deputy_duty", load)
