"""The 碳效码 scene's dated parameters (policy domain ``carbon_code``): emission factors, grade and level bounds.

Sources are those of ``shared/reference/scenes.md`` §1: the county method 《规上工业企业碳效等级评价方法》
(https://m.yzwku.com/doc/493133.html, a secondary copy), the provincial standard DB33/T 1347—2023 (issued
2023-12-15, in force 2024-01-15; its official text could not be read here), the MEE/NBS grid-factor announcements
and GB/T 32150-2015. Every value whose official text was not read says so (``checked`` stays False); the scene page
(docs/scenes/carbon_code.md) lists them.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value
from zhili.core.policy.api import Benefit, Condition, Fact, Policy

DOMAIN = "carbon_code"
METHOD = "《规上工业企业碳效等级评价方法》（长兴县，https://m.yzwku.com/doc/493133.html，二手转载）"
DB33 = "DB33/T 1347—2023《工业企业碳效综合评估与分级赋码规范》（官方文本未能查阅，阈值未核实）"
GB32150 = "GB/T 32150-2015 附录A 缺省值（公开工具常用值，附录原表未能查阅，未核实）"
GRID_2022 = ("生态环境部、国家统计局 2022 年电力二氧化碳排放因子（公告 2024 年第 33 号，转引 "
             "https://daydaynews.cc/zh-hant/finance/3899452.html；原公告未查阅，未核实）")
GRID_2023 = ("生态环境部、国家统计局 2023 年电力二氧化碳排放因子（转引 "
             "https://www.163.com/dy/article/KIQVBKCG05567I2C.html；原公告未查阅，未核实）")
GRID_2021 = ("生态环境部、国家统计局 2021 年电力二氧化碳排放因子（公告 2024 年第 12 号，转引 "
             "http://www.hfyfsb.com/industry/elec/3596.html；原公告未查阅，未核实）")
SINCE = dt.date(2021, 1, 1)
SEED = ("长兴县“碳效码”场景应用（数字化改革简报，2021）：“大工业政策兑现（根据企业碳效等级提供差异化奖励政策）、"
        "‘亩均论英雄’改革（在企业综合绩效评价时增加碳效指标）、能耗管控（将低效高排放企业纳入有序用电限电名单，"
        "对高效低排放企业允许参与电力普通直接交易）、‘供电+能效’（为用户提供节能评估、节能改造、新能源建设、电能替代等服务）”")
PRESS = ("等级 4–5 级企业由供电公司提供技术改造帮助（http://regional.chinadaily.com.cn/huzhou/2021-05/13/c_659359.htm，"
         "新闻报道）")
DESIGN = "（具体分界与系数未见公开发布值，本场景设计取舍，未核实）"
Y2022, Y2023 = dt.date(2022, 1, 1), dt.date(2023, 1, 1)

PARAMETERS = [
    Parameter("grid_factor", _("电网排放因子"), unit=_("kgCO2/kWh"), key="grid", description=_(
        "键为因子集：east_china（华东区域电网，碳效评价用）、national（全国平均）、ets（碳市场报告用）"), values={
        "east_china": [
            Value(Decimal("0.5568"), SINCE, "2021 年华东区域值未找到，暂用全国平均 0.5568；" + GRID_2021),
            Value(Decimal("0.5617"), Y2022, "华东区域电网 0.5617；" + GRID_2022),
            Value(Decimal("0.5500"), Y2023, "华东区域电网 0.5500；" + GRID_2023),
        ],
        "national": [
            Value(Decimal("0.5568"), SINCE, "全国电力平均 0.5568；" + GRID_2021),
            Value(Decimal("0.5366"), Y2022, "全国电力平均 0.5366；" + GRID_2022),
            Value(Decimal("0.5306"), Y2023, "全国电力平均 0.5306；" + GRID_2023),
        ],
        "ets": [
            Value(Decimal("0.5810"), dt.date(2019, 1, 1), "碳市场报告用全国电网因子 0.5810 tCO2/MWh（广泛引用，未核实）"),
            Value(Decimal("0.5703"), Y2022, "碳市场报告用全国电网因子 0.5703 tCO2/MWh（广泛引用，未核实）"),
        ],
    }),
    Parameter("grid_factor_set", _("碳效评价采用的电网因子集"), type="string", values=[
        Value("east_china", SINCE, "浙江属华东区域电网；浙江省级因子未在资料中找到，采用华东区域值（设计取舍，未核实）"),
    ]),
    Parameter("fuel_factors", _("化石能源排放参数（低位发热量 NCV、单位热值含碳量 CC、碳氧化率 OF）"), type="table",
              description=_("E = AD × NCV × CC × OF × 44/12；NCV 单位 GJ/计量单位，CC 单位 tC/GJ"), values=[
        Value({
            "natural_gas": {"unit": "m3", "ncv": "0.038931", "cc": "0.0153", "of": "0.99",
                            "reference": "天然气 NCV 389.31 GJ/万Nm³、CC 15.3 tC/TJ、OF 0.99；" + GB32150},
            "coal": {"unit": "t", "ncv": "20.908", "cc": "0.02637", "of": "0.94",
                     "reference": "原煤 NCV 20.908 GJ/t、CC 26.37 tC/TJ、OF 0.94；" + GB32150},
            "oil": {"unit": "t", "ncv": "42.652", "cc": "0.0202", "of": "0.98",
                    "reference": "柴油 NCV 42.652 GJ/t、CC 20.2 tC/TJ、OF 0.98；" + GB32150},
        }, SINCE, GB32150),
    ]),
    Parameter("heat_factor", _("外购热力排放因子"), unit=_("tCO2/GJ"), values=[
        Value(Decimal("0.11"), SINCE, "外购热力 0.11 tCO2/GJ：公开核算工具常用缺省值，无可引用的官方出处（未核实）"),
    ]),
    Parameter("level_bounds", _("碳效水平分界（单位增加值碳排放 L，t/万元）：低碳 ≤ 第一值 < 中碳 ≤ 第二值 < 高碳"),
              type="table", values=[
        Value([Decimal("0.6"), Decimal("2.0")], SINCE,
              METHOD + "：L≤0.6 低碳，0.6<L≤2.0 中碳，L>2.0 高碳；原文称全省每年调整；" + DB33),
    ]),
    Parameter("grade_bounds", _("碳效等级分界（碳效值 K）：1 级 ≤ 0.6 < 2 级 ≤ 0.8 < 3 级 ≤ 1.2 < 4 级 ≤ 2.0 < 5 级"),
              type="table", values=[
        Value([Decimal("0.6"), Decimal("0.8"), Decimal("1.2"), Decimal("2.0")], SINCE,
              METHOD + "：K=L/行业平均 L；" + DB33),
    ]),
    Parameter("outlier_ratio", _("异常读数倍数（与本企业同一能源当期中位数相比）"), values=[
        Value(Decimal("10"), SINCE, "议题 #30“与本企业历史相差一个数量级”：本场景取 10 倍（设计取舍，非公开发布值）"),
    ]),
    Parameter("code_valid_days", _("碳效码有效期"), unit=_("天"), values=[
        Value(31, SINCE, "本场景按月评价、按月换码，有效期取 31 天（设计取舍，非公开发布值）"),
    ]),
]


# Services matched by grade (碳效结果应用): facts of an enterprise's latest year, the dated bounds and scores the
# services use, and one policy per service. The seed names the services; it gives no bounds, coefficients or
# scores, so every number below is a design choice and says so (checked=False).
FACTS = [
    Fact("grade", "年度碳效等级", entity="enterprise", unit="级"),
    Fact("level", "年度碳效水平", type="string", entity="enterprise"),
    Fact("k_value", "碳效值 K", entity="enterprise"),
    Fact("intensity", "单位增加值碳排放 L", entity="enterprise", unit="t/万元"),
    Fact("weak_kind", "高于行业水平最多的能源品种", type="string", entity="enterprise"),
    Fact("weak_excess", "该能源品种单位增加值排放高出行业的量", entity="enterprise", unit="t/万元"),
]

PARAMETERS += [
    Parameter("reward_max_grade", "享受差别化工业政策奖励的最低碳效等级（级数不大于）", unit="级", values=[
        Value(3, SINCE, SEED + DESIGN)]),
    Parameter("reward_coefficients", "差别化工业政策奖励系数（按碳效等级）", type="table",
              description="县级工业政策奖励金额乘以本系数兑现", values=[
        Value({"1": Decimal("1.2"), "2": Decimal("1.1"), "3": Decimal("1.0")}, SINCE, SEED + DESIGN)]),
    Parameter("muni_carbon_scores", "亩均论英雄碳效指标得分（按碳效等级，百分制）", type="table", values=[
        Value({"1": 100, "2": 80, "3": 60, "4": 40, "5": 20}, SINCE,
              SEED + "；DB33/T 1347—2023 称评价结果用于亩均论英雄评价（官方文本未能查阅）" + DESIGN)]),
    Parameter("muni_carbon_weight", "碳效指标在亩均效益综合评价中的权重", values=[
        Value(Decimal("0.10"), SINCE, SEED + DESIGN)]),
    Parameter("orderly_min_grade", "列入有序用电名单的碳效等级（级数不小于）", unit="级", values=[
        Value(4, SINCE, SEED + "；" + PRESS + DESIGN)]),
    Parameter("orderly_levels", "列入有序用电名单的碳效水平", type="list", values=[
        Value(["high"], SINCE, SEED + "（低效高排放：取高碳）" + DESIGN)]),
    Parameter("trading_max_grade", "可参与电力直接交易的碳效等级（级数不大于）", unit="级", values=[
        Value(2, SINCE, SEED + DESIGN)]),
    Parameter("trading_levels", "可参与电力直接交易的碳效水平", type="list", values=[
        Value(["low"], SINCE, SEED + "（高效低排放：取低碳）" + DESIGN)]),
    Parameter("diagnosis_min_grade", "匹配“供电+能效”节能诊断的碳效等级（级数不小于）", unit="级", values=[
        Value(3, SINCE, SEED + "；" + PRESS + DESIGN)]),
]

PARAMETERS += [
    Parameter("lpr_1y", "一年期贷款市场报价利率（LPR），计算降低贷款成本的基准", unit="%", values=[
        Value(Decimal("3.45"), dt.date(2023, 8, 21), "中国人民银行授权全国银行间同业拆借中心公布（凭记忆录入，未核对公告原文）"),
        Value(Decimal("3.35"), dt.date(2024, 7, 22), "同上（未核实）"),
        Value(Decimal("3.10"), dt.date(2024, 10, 21), "同上（未核实）"),
        Value(Decimal("3.00"), dt.date(2025, 5, 20), "同上（未核实）"),
    ]),
]

SERVICE_SINCE = dt.date(2021, 5, 1)  # the seed: the application went live in May 2021

POLICIES = [
    Policy(
        code="differentiated_reward", name="差别化工业政策奖励", owner="经济和信息化局", entity="enterprise",
        category="carbon_service", effective_from=SERVICE_SINCE, reference=SEED,
        conditions=(Condition("年度碳效等级达到奖励要求", "grade <= reward_max_grade", SEED + DESIGN),),
        benefit=Benefit(kind="subsidy", period="year",
                        description="兑现县级工业政策奖励时按碳效等级乘以奖励系数（1 级 1.2、2 级 1.1、3 级 1.0）"),
        office="县（市、区）经济和信息化局",
    ),
    Policy(
        code="muni_carbon_indicator", name="亩均论英雄评价碳效指标", owner="经济和信息化局", entity="enterprise",
        category="carbon_service", effective_from=SERVICE_SINCE, reference=SEED,
        conditions=(Condition("年度碳效已评价", "grade >= 1", SEED),),
        benefit=Benefit(kind="service", period="year",
                        description="年度碳效等级折算为碳效指标得分，按权重计入亩均效益综合评价"),
        office="县（市、区）亩均论英雄改革办公室",
    ),
    Policy(
        code="orderly_power_list", name="有序用电名单（低效高排放）", owner="经济和信息化局、供电公司",
        entity="enterprise", category="carbon_service", effective_from=SERVICE_SINCE, reference=SEED,
        conditions=(Condition("碳效等级为低效", "grade >= orderly_min_grade", SEED + DESIGN),
                    Condition("碳效水平为高排放", "level in orderly_levels", SEED + DESIGN)),
        benefit=Benefit(kind="service", period="year",
                        description="列入有序用电限电名单：电力供应紧张时按名单优先错峰、限电"),
        office="县（市、区）经济和信息化局、供电公司",
    ),
    Policy(
        code="direct_power_trading", name="参与电力直接交易（高效低排放）", owner="经济和信息化局、供电公司",
        entity="enterprise", category="carbon_service", effective_from=SERVICE_SINCE, reference=SEED,
        conditions=(Condition("碳效等级为高效", "grade <= trading_max_grade", SEED + DESIGN),
                    Condition("碳效水平为低排放", "level in trading_levels", SEED + DESIGN)),
        benefit=Benefit(kind="service", period="year", description="允许参与电力普通直接交易"),
        office="供电公司",
    ),
    Policy(
        code="energy_saving_diagnosis", name="“供电+能效”节能诊断", owner="供电公司", entity="enterprise",
        category="carbon_service", effective_from=SERVICE_SINCE, reference=SEED + "；" + PRESS,
        conditions=(Condition("碳效等级需要提升", "grade >= diagnosis_min_grade", PRESS + DESIGN),
                    Condition("有高于行业水平的能源品种", "weak_kind != ''", "本场景诊断：逐个能源品种比较单位增加值排放与行业")),
        benefit=Benefit(kind="service", period="once",
                        description="针对短板能源品种上门节能评估，提出节能改造、电能替代或新能源建设方案"),
        office="供电公司能效服务中心", deadline_days=10,
    ),
]
