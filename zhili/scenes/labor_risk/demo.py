"""Demo risk levels: six months of department data for the 20 demo enterprises, loaded and evaluated.

The files are written by ``synth.generate_for`` for the real demo enterprises (their USCCs, names, towns and
industries from the database): mostly clean, with three planted patterns, then loaded through the data pool
(``loading.load_directory``) and evaluated by the demo officer, so the warning list, the cockpit and the
cases have something to show. Runs once: when the demo enterprises are already monitored, nothing is added.
"""

import datetime as dt
import tempfile
from pathlib import Path

from django.utils import timezone

from zhili.core.scenes.api import COUNTY_CODE, enterprise_usccs, register_demo

SEED = 20260102
# Positions in the demo enterprise list and the pattern planted there (see synth.py).
PLANTED = {
    3: "cascade_red",  # 建德市寿昌建筑工程有限公司: electricity, then insurance, then wages unpaid
    10: "cascade_orange",  # 建德市航头纺织有限公司: utilities and insurance in arrears, wages late
    14: "disputes",  # 建德市大同塑料制品有限公司: arbitrations, complaints, an inspection order, a lawsuit
}


def last_month_end(today: dt.date) -> dt.date:
    return today.replace(day=1) - dt.timedelta(days=1)


def _route_warning_cases(county, admin) -> None:
    """Warning cases of the county go to the bureau and inspector 赵强 (an assignment rule, if none yet)."""
    from zhili.core.cases.api import AssignmentRule, save_assignment_rule
    from zhili.core.identity.api import Membership, Role

    from .workflows import CASE_TYPE

    if AssignmentRule.objects.filter(case_type=CASE_TYPE, region=county, is_active=True).exists():
        return
    membership = (Membership.objects.filter(user__username="inspector_zhao", role=Role.INSPECTOR, is_active=True)
                  .select_related("user", "organization").first())
    if membership is None:
        return
    save_assignment_rule(AssignmentRule(case_type=CASE_TYPE, region=county, organization=membership.organization,
                                        assignee=membership.user), actor=admin)


def load(report) -> list[str]:
    """Write, load and evaluate the demo department data (once); return the lines load_demo prints."""
    from collections import Counter

    from zhili.core.identity.api import User
    from zhili.core.orgs.api import Organization, Region

    from .loading import load_directory
    from .models import MonitoredEnterprise
    from .services import evaluate_labor_risk
    from .synth import generate_for

    usccs = enterprise_usccs()
    officer, admin = User.objects.filter(username="officer_wang").first(), User.objects.filter(username="admin").first()
    found = {e.uscc: e for e in Organization.objects.filter(uscc__in=usccs).select_related("region", "industry")}
    if officer is None or admin is None or len(found) != len(usccs):
        return ["劳动关系风险预警演示数据：缺少演示企业或账号，未创建"]
    if MonitoredEnterprise.objects.filter(uscc__in=usccs).exists():
        return ["劳动关系风险预警演示数据：已存在，未重复创建"]

    period_end = last_month_end(timezone.localdate())
    rows = [(uscc, found[uscc].name, found[uscc].region.code, found[uscc].industry.code, PLANTED.get(i, ""))
            for i, uscc in enumerate(usccs)]
    _route_warning_cases(Region.objects.get(code=COUNTY_CODE), admin)
    with tempfile.TemporaryDirectory(prefix="zhili-demo-risk-") as folder:
        written = generate_for(folder, rows, period_end=period_end, seed=SEED)
        loaded = load_directory(Path(folder), actor=officer)
    if loaded["failed"]:
        return ["劳动关系风险预警演示数据：以下数据集导入失败：" + "、".join(loaded["failed"])]
    run = evaluate_labor_risk(period_end, actor=officer)
    levels = Counter(MonitoredEnterprise.objects.filter(uscc__in=usccs).values_list("level", flat=True))
    return ["劳动关系风险预警演示数据（{period}）：{n} 家企业 {records} 条部门数据，评估结果 红色 {red}、橙色 {orange}、"
            "黄色 {yellow}、蓝色 {blue}".format(period=run.period, n=len(usccs), records=written["records"],
                                           red=levels["red"], orange=levels["orange"], yellow=levels["yellow"],
                                           blue=levels["blue"])]


register_demo("labor_risk", load)
