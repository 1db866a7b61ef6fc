"""The 政策咨询机器人 scene's dated parameters (policy domain ``policy_qa``), read by the one loader: the values the
calculators use, each with the article that sets it (all read in the statute texts shipped with the tests)."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "policy_qa"
LCL = dt.date(2008, 1, 1)  # 劳动合同法施行
LL = dt.date(1995, 1, 1)  # 劳动法施行

PARAMETERS = [
    Parameter("severance_cap_multiple", _("经济补偿月工资封顶倍数（当地上年度职工月平均工资的倍数）"), values=[
        Value(Decimal("3"), LCL, "劳动合同法第四十七条第二款（三倍封顶）", checked=True)]),
    Parameter("severance_cap_years", _("经济补偿封顶时的最高年限"), unit=_("年"), values=[
        Value(12, LCL, "劳动合同法第四十七条第二款（最高不超过十二年）", checked=True)]),
    Parameter("double_wage_max_months", _("未订立书面劳动合同二倍工资最长月数"), unit=_("月"), values=[
        Value(11, dt.date(2008, 9, 18), "劳动合同法第八十二条；劳动合同法实施条例第六条、第七条", checked=True)]),
    Parameter("overtime_weekday", _("工作日延长工作时间工资倍数"), values=[
        Value(Decimal("1.5"), LL, "劳动法第四十四条第（一）项", checked=True)]),
    Parameter("overtime_rest_day", _("休息日工作又不能补休的工资倍数"), values=[
        Value(Decimal("2"), LL, "劳动法第四十四条第（二）项", checked=True)]),
    Parameter("overtime_holiday", _("法定休假日工作的工资倍数"), values=[
        Value(Decimal("3"), LL, "劳动法第四十四条第（三）项", checked=True)]),
    Parameter("paid_days_per_month", _("月计薪天数"), unit=_("日"), values=[
        Value(Decimal("21.75"), dt.date(2008, 1, 3),
              "劳社部发〔2008〕3号《关于职工全年月平均工作时间和工资折算问题的通知》", checked=True)]),
]
