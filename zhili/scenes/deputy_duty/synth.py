"""Realistic synthetic opinions for the 人大代表履职 scene, with their truth planted: ``manage.py synth_deputy_duty``.

Texts are put together from places, matters and wordings of the kind liaison stations receive; a known share
carries a third party's mobile number or ID number, so the count the service flags is checked against the plant.
"""

import random
from dataclasses import dataclass

PLACES = ["新安江路", "府前路", "白沙社区", "城南村", "洋溪街道", "更楼街道", "乾潭镇", "梅城古镇", "寿昌镇", "大同镇",
          "下涯镇", "三都镇", "莲花镇", "杨村桥镇", "李家镇", "大慈岩镇"]
MATTERS = [
    ("transport", ["公交班次太少", "路口红绿灯时间太短", "道路坑洼积水", "停车位紧张", "路灯损坏", "接送车位不足"]),
    ("environment", ["垃圾清运不及时", "河道有异味", "工地扬尘严重", "噪音扰民", "绿化带被占用"]),
    ("education", ["学校午托名额不够", "幼儿园入园难", "校门口交通拥堵", "社区图书室开放时间短"]),
    ("health", ["社区医院缺少儿科", "药店医保刷卡不便", "老年人体检排队长", "村卫生室缺医生"]),
    ("social", ["养老服务中心床位不足", "残疾人补贴到账慢", "老年食堂价格偏高", "低保办理材料多"]),
    ("economy", ["农产品销售渠道少", "小微企业融资难", "菜市场摊位费偏高", "乡村旅游配套不足"]),
    ("governance", ["物业服务不到位", "小区加装电梯协调难", "村务公开不及时", "网格员联系不上"]),
]
ASKS = ["建议尽快解决。", "希望有关部门协调处理。", "恳请代表反映。", "请相关部门核实并答复。", "群众反映强烈，望重视。"]


@dataclass
class SynthReport:
    submitted: int = 0
    planted_personal_data: int = 0
    flagged: int = 0


def opinion_text(rng: random.Random, *, personal_data: bool = False) -> tuple[str, str, str]:
    """A (category, title, text) of the kind a liaison station receives; ``personal_data`` adds a third party's."""
    place = rng.choice(PLACES)
    category, matters = rng.choice(MATTERS)
    matter = rng.choice(matters)
    text = f"{place}{matter}，{rng.choice(['已有一段时间', '最近越来越严重', '居民多次反映', '影响日常生活'])}，{rng.choice(ASKS)}"
    if personal_data:
        text += f"当事人电话 1{rng.choice('3589')}{rng.randrange(10 ** 9):09d}。"
    return category, f"{place}{matter}"[:100], text


def synthesize(count: int, *, station, citizen, seed: int = 19, personal_data_share: float = 0.05) -> SynthReport:
    """Submit ``count`` opinions at ``station`` as ``citizen`` through the service, some with planted personal data."""
    from . import services

    rng = random.Random(seed)
    report = SynthReport()
    for _ in range(count):
        planted = rng.random() < personal_data_share
        _, title, text = opinion_text(rng, personal_data=planted)
        opinion = services.submit_opinion(station=station, title=title, text=text, actor=citizen)
        report.submitted += 1
        report.planted_personal_data += planted
        report.flagged += opinion.third_party_data
    return report
