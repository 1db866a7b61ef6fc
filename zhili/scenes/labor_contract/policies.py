"""The labor-contract scene's dated parameters (policy domain ``labor_contract``), read by the one loader.

Each value is in force from its date and rests on its article; a changed rule gets a new ``Value`` with a new
date, never an edited literal. ``rules.value_on(name, day)`` reads them; every one is listed on ``/policy/rules/``.
Statute texts: LawRefBook/Laws at commit 2f4c5c23 (see ``docs/scenes/labor_contract.md``); values marked
``checked=True`` were read there. Platform parameters (平台参数) have no official value to check.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Thresholds
from zhili.core.foundation.api import Parameter, Value

DOMAIN = "labor_contract"

LCL = "《劳动合同法》"
LL = "《劳动法》"
LCL_IN_FORCE = dt.date(2008, 1, 1)
LCL_2012 = dt.date(2013, 7, 1)  # the 2012 amendment (dispatch articles) took effect on this date
PLATFORM_2021 = dt.date(2021, 3, 1)  # the scene went live in 建德市
_INDEX = "建德市网签电子劳动合同场景“就业用工分析”预警口径（平台参数，2021年3月上线）"

PARAMETERS = [
    # (term lower bound in months, longest probation in months), read top-down; a task-based contract has none.
    Parameter("probation_limits", _("试用期上限（按合同期限）"), type="table", unit=_("月"), values=[
        Value(((36, 6), (12, 2), (3, 1), (0, 0)), LCL_IN_FORCE, LCL + "第十九条第一款", checked=True)]),
    Parameter("probation_open_ended_months", _("无固定期限合同试用期上限"), unit=_("月"), values=[
        Value(6, LCL_IN_FORCE, LCL + "第十九条第一款", checked=True)]),
    Parameter("probation_task_based_months", _("以完成一定工作任务为期限的合同试用期上限"), unit=_("月"), values=[
        Value(0, LCL_IN_FORCE, LCL + "第十九条第三款", checked=True)]),
    Parameter("probation_once", _("同一用人单位与同一劳动者只能约定一次试用期"), type="bool", values=[
        Value(True, LCL_IN_FORCE, LCL + "第十九条第二款", checked=True)]),
    Parameter("probation_wage_ratio", _("试用期工资不得低于约定工资的比例"), values=[
        Value(Decimal("0.80"), LCL_IN_FORCE, LCL + "第二十条；《劳动合同法实施条例》第十五条", checked=True)]),
    Parameter("probation_wage_floor_is_minimum_wage", _("试用期工资不得低于最低工资标准"), type="bool", values=[
        Value(True, LCL_IN_FORCE, LCL + "第二十条", checked=True)]),
    Parameter("wage_floor_is_minimum_wage", _("工资不得低于当地最低工资标准"), type="bool", values=[
        Value(True, dt.date(1995, 1, 1), LL + "第四十八条；《最低工资规定》", checked=True)]),
    Parameter("minimum_working_age", _("最低就业年龄"), unit=_("周岁"), values=[
        Value(16, dt.date(1995, 1, 1), LL + "第十五条", checked=True)]),
    Parameter("monthly_pay_days", _("月计薪天数（日工资折算月工资）"), unit=_("日"), values=[
        Value(Decimal("21.75"), dt.date(2008, 1, 10),
              "《关于职工全年月平均工作时间和工资折算问题的通知》（劳社部发〔2008〕3号）第二条", checked=True)]),
    Parameter("signing_deadline_days", _("自用工之日起订立书面劳动合同的期限"), unit=_("日"), values=[
        Value(30, LCL_IN_FORCE, LCL + "第十条、第八十二条；《劳动合同法实施条例》第六条", checked=True)]),
    Parameter("unsigned_reminder_days", _("未签合同提醒（用工第几日）"), type="list", unit=_("日"), values=[
        Value((20, 30), LCL_IN_FORCE, LCL + "第十条、第八十二条（自用工之日起一个月内订立书面合同）", checked=True)]),
    Parameter("expiry_reminder_days", _("合同到期前提醒天数"), unit=_("日"), values=[
        Value(30, LCL_IN_FORCE, "平台参数；" + LCL + "第四十四条、第四十六条第五项（到期终止或续订）", checked=True)]),
    Parameter("open_ended_after_fixed_terms", _("连续订立固定期限合同次数（此后应订立无固定期限合同）"), unit=_("次"),
              values=[Value(2, LCL_IN_FORCE, LCL + "第十四条第二款第三项", checked=True)]),
    Parameter("open_ended_after_years", _("连续工作满年数（此后应订立无固定期限合同）"), unit=_("年"), values=[
        Value(10, LCL_IN_FORCE, LCL + "第十四条第二款第一项", checked=True)]),
    Parameter("dispatch_min_term_months", _("劳务派遣劳动合同最短期限"), unit=_("月"), values=[
        Value(24, LCL_2012, LCL + "第五十八条第二款", checked=True)]),
    Parameter("dispatch_required_fields", _("劳务派遣合同必备条款"), type="list", values=[
        Value(("host_employer_name", "dispatch_post", "dispatch_start", "dispatch_end"), LCL_2012,
              LCL + "第五十八条第一款", checked=True)]),
    Parameter("working_hour_system_required", _("合同须载明工作时间和休息休假"), type="bool", values=[
        Value(True, LCL_IN_FORCE, LCL + "第十七条第一款第五项", checked=True)]),
    # How long a signing invitation (and its SMS short link) stays open, and the pause before HR texts again.
    Parameter("signing_invitation_days", _("签署邀请（短信链接）有效期"), unit=_("日"), values=[
        Value(30, LCL_IN_FORCE, "平台参数（签署链接有效期；逾期未签的合同标记为已过期）", checked=True)]),
    Parameter("invitation_resend_cooldown_minutes", _("同一合同签署短信的最短间隔"), unit=_("分钟"), values=[
        Value(60, LCL_IN_FORCE, "平台参数（同一合同的签署短信间隔，避免重复打扰劳动者）", checked=True)]),
    Parameter("open_ended_count_from", _("连续订立固定期限合同次数的起算日"), type="date", values=[
        Value(LCL_IN_FORCE, LCL_IN_FORCE,
              LCL + "第九十七条第一款（连续订立固定期限合同次数自本法施行后续订时开始计算）", checked=True)]),
    Parameter("termination_certificate", _("解除或终止时出具证明"), type="bool", values=[
        Value(True, LCL_IN_FORCE, LCL + "第五十条第一款；《劳动合同法实施条例》第二十四条", checked=True)]),
    # Reason → (status the contract ends in, the article it rests on). 解除 (rescission) or 终止 (termination).
    Parameter("termination_grounds", _("解除、终止的事由及依据"), type="table", values=[Value({
        "mutual_agreement": ("rescinded", LCL + "第三十六条"),
        "worker_notice": ("rescinded", LCL + "第三十七条"),
        "worker_employer_fault": ("rescinded", LCL + "第三十八条"),
        "employer_worker_fault": ("rescinded", LCL + "第三十九条"),
        "employer_no_fault": ("rescinded", LCL + "第四十条"),
        "economic_layoff": ("rescinded", LCL + "第四十一条"),
        "transfer": ("rescinded", LCL + "第三十六条；《劳动合同法实施条例》第十条"),
        "expiry": ("terminated", LCL + "第四十四条第一项"),
        "pension": ("terminated", LCL + "第四十四条第二项"),
        "death": ("terminated", LCL + "第四十四条第三项"),
        "bankruptcy": ("terminated", LCL + "第四十四条第四项"),
        "dissolution": ("terminated", LCL + "第四十四条第五项"),
        "other_statutory": ("terminated", LCL + "第四十四条第六项"),
    }, LCL_IN_FORCE, LCL + "第三十六条至第四十四条", checked=True)]),
    # Art. 40 (no-fault dismissal): written notice this many days ahead, or one extra month's wage instead (the
    # previous month's wage, LCL-IR Art. 20).
    Parameter("no_fault_notice_days", _("无过失性辞退提前书面通知天数"), unit=_("日"), values=[
        Value(30, LCL_IN_FORCE, LCL + "第四十条", checked=True)]),
    Parameter("no_fault_pay_in_lieu", _("无过失性辞退可额外支付一个月工资代替通知"), type="bool", values=[
        Value(True, LCL_IN_FORCE, LCL + "第四十条；《劳动合同法实施条例》第二十条", checked=True)]),
    # The reasons Art. 42 bars while the worker is in one of the circumstances below.
    Parameter("protected_dismissal_reasons", _("受第四十二条限制的解除事由"), type="list", values=[
        Value(("employer_no_fault", "economic_layoff"), LCL_IN_FORCE, LCL + "第四十二条", checked=True)]),
    # Art. 42's circumstances: code → (what it is, the item it rests on).
    Parameter("dismissal_protections", _("不得依第四十条、第四十一条解除的情形"), type="table", values=[Value({
        "occupational_hazard": (_("从事接触职业病危害作业未进行离岗前职业健康检查，或疑似职业病病人在诊断或者医学观察期间"),
                                LCL + "第四十二条第一项"),
        "work_disability": (_("在本单位患职业病或者因工负伤并被确认丧失或者部分丧失劳动能力"), LCL + "第四十二条第二项"),
        "medical_period": (_("患病或者非因工负伤，在规定的医疗期内"), LCL + "第四十二条第三项"),
        "pregnancy": (_("女职工在孕期、产期、哺乳期"), LCL + "第四十二条第四项"),
        "long_service": (_("在本单位连续工作满十五年，且距法定退休年龄不足五年"), LCL + "第四十二条第五项"),
        "other_statutory": (_("法律、行政法规规定的其他情形"), LCL + "第四十二条第六项"),
    }, LCL_IN_FORCE, LCL + "第四十二条", checked=True)]),
    # The employment analyses (analytics/): what counts as "near the minimum wage", and the indices' thresholds.
    Parameter("near_minimum_wage_ratio", _("“最低工资附近”的工资倍数上限"), values=[
        Value(1.1, PLATFORM_2021, "平台参数：月工资不高于当地最低工资标准 110% 视为“最低工资附近”；"
                                  "最低工资标准见《最低工资规定》（劳动和社会保障部令第21号）", checked=True)]),
    Parameter("index_unsigned_ratio", _("未签订书面劳动合同比例的预警阈值（黄、红）"), type="table", unit="%", values=[
        Value(Thresholds(yellow=5.0, red=10.0), PLATFORM_2021,
              _INDEX + "；" + LCL + "第十条、第八十二条（用工之日起一个月内订立书面劳动合同）", checked=True)]),
    Parameter("index_minimum_wage_share", _("最低工资附近合同占比的预警阈值（黄、红）"), type="table", unit="%", values=[
        Value(Thresholds(yellow=20.0, red=35.0), PLATFORM_2021,
              _INDEX + "；《最低工资规定》（劳动和社会保障部令第21号）第十二条", checked=True)]),
]
