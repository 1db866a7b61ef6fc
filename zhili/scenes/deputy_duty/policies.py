"""The 人大代表履职 scene's dated parameters (policy domain ``deputy_duty``), read by the one loader.

Sources are those of ``shared/reference/scenes.md`` §6: 代表法 (《全国人民代表大会和地方各级人民代表大会代表法》) Art. 49
as amended in 2025 for the handling periods of deputies' suggestions, provincial implementing rules, and the
pilot practice of liaison stations (台州、苍南、宁波) for the closed loop of citizens' opinions. A value whose
official text was not read says so in its reference (``checked`` stays False) and on ``docs/scenes/deputy_duty.md``.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "deputy_duty"
SINCE = dt.date(2026, 1, 1)
LAW_SINCE = dt.date(2025, 3, 8)  # 代表法 amendment as reprinted (reference in the entries)

LAW = "代表法第四十九条（2025 年修正）：http://www.fymate.net/html/text/lar/173227/17322749_3.html（官方文本转载）"

PARAMETERS = [
    # Citizens' opinions through liaison stations: no statute sets these; they are the pilot's service promise.
    Parameter("opinion_reply_days", _("交办群众意见的答复时限"), unit=_("个工作日"), values=[
        Value(15, SINCE, "设计假设，未核实：联络站“扫码—智能分类—线上认领—限时办理”的限时办理"
                         "（https://szb.rmdbw.cn/content/202504/12/content_32208.html 未给出天数）；"
                         "取 15 个工作日，不超过《信访工作条例》第三十二条 60 日"),
    ]),
    Parameter("opinion_rehandle_days", _("群众不满意后重新办理的答复时限"), unit=_("个工作日"), values=[
        Value(10, SINCE, "设计假设，未核实：参照代表建议重新办理时限（1 个月）缩短为 10 个工作日"),
    ]),
    Parameter("opinion_rating_days", _("答复后群众与代表评价的期限"), unit=_("日"), values=[
        Value(7, SINCE, "设计假设，未核实：逾期未评价的视为满意并办结（宁波“民意池”做法，具体天数未查到）"),
    ]),
    # Deputies' suggestions, criticisms and opinions (建议、批评和意见).
    Parameter("suggestion_reply_months", _("代表建议的答复期限（自交办之日起）"), unit=_("个月"), values=[
        Value(3, LAW_SINCE, LAW + "：应当自交办之日起三个月内答复", checked=False),
    ]),
    Parameter("suggestion_complex_months", _("涉及面广、情况复杂的代表建议的最长答复期限"), unit=_("个月"), values=[
        Value(6, LAW_SINCE, LAW + "：涉及面广、处理难度大的，应当书面告知代表，并在六个月内答复"),
    ]),
    Parameter("suggestion_rehandle_months", _("代表对答复不满意的重新办理期限"), unit=_("个月"), values=[
        Value(1, LAW_SINCE, LAW + "：代表对答复不满意的，可以提出意见，交办机关应当督促承办单位在一个月内再作答复"),
    ]),
    Parameter("cohandler_opinion_months", _("协办单位向主办单位提出协办意见的期限"), unit=_("个月"), values=[
        Value(1, LAW_SINCE, "地方办理代表建议规定：协办单位应在一个月内将协办意见送主办单位 "
                            "http://www.fsou.net/html/text/lar/170104/17010450_1.html（转载，未核实为浙江文本）"),
    ]),
    Parameter("misassigned_report_days", _("承办单位对交办不当提出调整的期限"), unit=_("日"), values=[
        Value(10, LAW_SINCE, "地方办理代表建议规定：认为不属于本单位职责的，应在收到之日起十日内提出 "
                             "http://www.fsou.net/html/text/lar/170104/17010450_1.html（转载，未核实为浙江文本）"),
    ]),
]

# Motions (议案): who may file one and what happens to a motion the presidium does not place on the agenda.
ORG_LAW = ("《地方各级人民代表大会和地方各级人民政府组织法》（1995 年修正第十八条，现行文本条号随修正变动）："
           "县级以上的地方各级人民代表大会代表十人以上联名，乡、民族乡、镇的人民代表大会代表五人以上联名，"
           "可以向本级人民代表大会提出属于本级人民代表大会职权范围内的议案，由主席团决定是否列入大会议程 "
           "https://code.fabao365.com/law_15951_2.html（修正决定转载，未读官方文本；另一转载 "
           "http://shcdff.com/gongwen/yian/38879.html 所述人数一致）")
PARAMETERS += [
    Parameter("motion_cosigners_county", _("县级以上人大代表联名提出议案的最少人数（含领衔代表）"), unit=_("人"),
              values=[Value(10, dt.date(1995, 2, 28), ORG_LAW, checked=False)]),
    Parameter("motion_cosigners_township", _("乡镇人大代表联名提出议案的最少人数（含领衔代表）"), unit=_("人"),
              values=[Value(5, dt.date(1995, 2, 28), ORG_LAW, checked=False)]),
    Parameter("motion_by_delegation", _("县级以上人大的代表团可以提出议案（1 = 可以，0 = 不可以）"), unit=_("是否"),
              values=[Value(1, SINCE, "设计假设，未核实：组织法未列代表团，由各地人民代表大会议事规则规定且各地不一"
                                      "（北京市议事规则规定代表团可以提出议案，见 "
                                      "http://shcdff.com/gongwen/yian/38879.html ；浙江省议事规则文本未读）")]),
    Parameter("reassigned_clock_restarts", _("重新交办的建议自重新交办之日起重新计算答复期限（1 = 是）"),
              unit=_("是否"), values=[Value(1, LAW_SINCE, "设计假设，未核实：地方办理代表建议规定（转载 "
                                                          "http://www.fsou.net/html/text/lar/170104/17010450_1.html）"
                                                          "只规定承办单位十日内提出交办不当；重新交办后期限如何起算"
                                                          "未查到，取自重新交办之日起重新计算（0 = 仍按首次交办日）")]),
]

PARAMETERS += [
    Parameter("project_pass_share", _("民生实事项目票决通过所需赞成票（占应到代表）"), unit=_("比例"), values=[
        Value(Decimal("0.5"), dt.date(2022, 3, 12),
              "设计假设，未核实：各地票决办法多规定“获得全体代表过半数赞成票”方为通过，再按得票多少确定"
              "（宁海做法 https://fx361.cc/page/2024/0807/24711230.shtml ；地方组织法 2022 年修正增列“项目”）"),
    ]),
]

# A deputy's duty score (履职积分): no official formula was found (shared reference §6: NOT FOUND); Ningbo publishes an
# activity index (活力指数) of its deputies without the formula. Our weights, each a dated design assumption.
DUTY_BASIS = ("设计假设，未核实：未查到官方的代表履职积分公式；参照宁波代表“活力指数”做法"
              "（http://www.npc.gov.cn/npc/c2/c30834/202506/t20250613_445740.html 未给出公式）")
DUTY_WEIGHTS = [
    ("duty_points_motion", _("履职积分：领衔提出一件代表议案"), 5),
    ("duty_points_suggestion", _("履职积分：领衔提出一件代表建议"), 3),
    ("duty_points_cosign", _("履职积分：附议一件代表建议"), 1),
    ("duty_points_opinion_closed", _("履职积分：跟踪的一件群众意见办结"), 1),
    ("duty_points_opinion_entered", _("履职积分：代群众录入一件意见"), 1),
    ("duty_points_vote", _("履职积分：参加一次民生实事项目票决"), 1),
    ("duty_points_project_comment", _("履职积分：对民生实事项目提出一条监督意见"), 1),
    ("duty_points_activity", _("履职积分：参加并报告一次主题活动"), 2),
    ("duty_points_duty_record", _("履职积分：一条经确认的履职登记"), 1),
    ("duty_points_draft_comment", _("履职积分：对法规草案提出一条意见"), 1),
]
PARAMETERS += [Parameter(name, label, unit=_("分"), values=[Value(points, SINCE, DUTY_BASIS)])
               for name, label, points in DUTY_WEIGHTS]
