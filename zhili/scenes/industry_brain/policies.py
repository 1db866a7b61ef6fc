"""The 童装产业大脑 scene's dated parameters (policy domain ``industry_brain``), read by the one loader.

None of these is set by a law: they are the platform's stated operating rules (the seed describes the platform's
functions, not its parameters), so each says so and stays ``checked=False`` until the operating department
(湖州市吴兴区经信局) publishes its own. Checked on 2026-12-07: no law, regulation, standard or published notice
sets any of them (docs/scenes/industry_brain.md, "What was verified"). Every parameter is listed on
``/policy/rules/``.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "industry_brain"
SINCE = dt.date(2026, 1, 1)
PLATFORM = "平台运营规则（童装产业大脑，吴兴区经信局运营），非法定值，未经官方文件核实"

PARAMETERS = [
    Parameter("pieces_per_line_month", _("每条生产线月产能上限"), unit=_("件"), values=[
        Value(9000, SINCE, PLATFORM + "；童装缝制线约 15–20 人、日产 250–350 件、每月 26 个工作日的上限估算"),
    ]),
    Parameter("late_per_piece_week", _("派单成本：每件每延误一周"), unit=_("元"), values=[
        Value(Decimal("2.00"), SINCE, PLATFORM + "；按童装订单常见延期违约金（货值约 5%/周）折算"),
    ]),
    Parameter("transport_per_piece_km", _("派单成本：每件每公里运费"), unit=_("元"), values=[
        Value(Decimal("0.02"), SINCE, PLATFORM + "；按同城零担每吨公里运价与每吨约 4,000 件童装折算"),
    ]),
    Parameter("idle_per_piece", _("派单成本：每件闲置产能"), unit=_("元"), values=[
        Value(Decimal("0.50"), SINCE, PLATFORM + "；按加工厂每件固定成本分摊估算"),
    ]),
    Parameter("unplaced_per_piece", _("派单成本：每件未能派出"), unit=_("元"), values=[
        Value(Decimal("50.00"), SINCE, PLATFORM + "；高于任何可行派单的成本，使优化器优先全部派出"),
    ]),
    Parameter("design_max_bytes", _("设计文件大小上限"), unit=_("字节"), values=[
        Value(10 * 1024 * 1024, SINCE, PLATFORM),
    ]),
    Parameter("design_file_types", _("设计文件允许类型"), type="list", values=[
        Value(["pdf", "png", "jpg", "dxf", "svg"], SINCE, PLATFORM + "；DXF 为服装 CAD 纸样交换格式（AAMA/ASTM D6673）"),
    ]),
    Parameter("design_similarity_weights", _("相似设计权重（图像、标签、尺码）"), type="table", values=[
        Value({"picture": 50, "tags": 40, "sizes": 10}, SINCE, PLATFORM + "；图像为差值哈希（dHash）的相同位比例"),
    ]),
    Parameter("credit_weights", _("信用分权重（按期交货、按期付款、业务规模、活跃月数）"), type="table", values=[
        Value({"delivery": 35, "payment": 35, "volume": 15, "activity": 15}, SINCE, PLATFORM),
    ]),
    Parameter("credit_grades", _("信用等级分界（AAA、AA、A 的最低分）"), type="table", values=[
        Value({"AAA": 85, "AA": 70, "A": 55}, SINCE, PLATFORM),
    ]),
    Parameter("volume_full_score_yuan", _("业务规模满分的年成交额"), unit=_("元"), values=[
        Value(5_000_000, SINCE, PLATFORM + "；吴兴童装小微企业年产值中位数量级"),
    ]),
]
