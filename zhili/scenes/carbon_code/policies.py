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
