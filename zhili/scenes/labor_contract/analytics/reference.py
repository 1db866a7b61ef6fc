"""Reference data of the analyses: category bands, labels, province names; dated parameters via ``analysis_rule``."""

import datetime as dt

from ..policies import LCL, LCL_IN_FORCE
from ..rules import value_on

# (code, label, upper bound inclusive in years); the last band is open.
AGE_BANDS = (("16-24", "16–24 岁", 24), ("25-34", "25–34 岁", 34), ("35-44", "35–44 岁", 44),
             ("45-54", "45–54 岁", 54), ("55+", "55 岁及以上", None))
# (code, label, upper bound exclusive in yuan per month); the last band is open.
WAGE_BANDS = (("<3000", "3000 元以下", 3000), ("3000-4999", "3000–4999 元", 5000),
              ("5000-7999", "5000–7999 元", 8000), ("8000-11999", "8000–11999 元", 12000),
              ("12000+", "12000 元及以上", None))
# Fixed terms by whole months (exclusive upper bound); the bands follow Art. 19's probation steps.
TERM_BANDS = (("<12", "1 年以内", 12), ("12-35", "1–3 年", 36), ("36+", "3 年及以上", None))
TERM_LABELS = {"fixed_term": "固定期限", "open_ended": "无固定期限", "task_based": "以完成一定工作任务为期限"}
SIZE_LABELS = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
CHANNEL_LABELS = {"remote": "远程签署（短信链接）", "on_site": "现场签署（扫码）"}

PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区", "21": "辽宁省", "22": "吉林省",
    "23": "黑龙江省", "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省", "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区", "61": "陕西省", "62": "甘肃省",
    "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区", "71": "台湾省", "81": "香港特别行政区",
    "82": "澳门特别行政区",
}  # GB/T 2260 province codes (first two digits of an ID number)

def analysis_rule(name: str, day: dt.date):
    """A dated parameter of the analyses (``near_minimum_wage_ratio``, ``signing_deadline_days``: policies.py)."""
    return value_on(name, day)


__all__ = ["AGE_BANDS", "CHANNEL_LABELS", "LCL", "LCL_IN_FORCE", "PROVINCES", "SIZE_LABELS", "TERM_BANDS",
           "TERM_LABELS", "WAGE_BANDS", "analysis_rule"]
