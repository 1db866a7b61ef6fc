"""The scene's dated parameters (policy domain ``mediation``), read by the one loader; listed on ``/policy/rules/``.

Legal values come from the Labor Dispute Mediation and Arbitration Law (劳动争议调解仲裁法, LDMAL, in force
2008-05-01), the People's Mediation Law (人民调解法, PMEDL, 2011-01-01) and the Supreme People's Court's online
mediation rules (人民法院在线调解规则, 法释〔2021〕23号, 2022-01-01). The upload limits are platform security
parameters, not legal values, and say so.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "mediation"
LDMAL = "《中华人民共和国劳动争议调解仲裁法》"

PARAMETERS = [
    Parameter("mediation_days", _("调解期限（自收到申请之日起）"), unit=_("日"), values=[
        Value(15, dt.date(2008, 5, 1),
              f"{LDMAL}第十四条第三款", checked=True),
    ]),
    Parameter("assignment_working_days", _("派案时限"), unit=_("工作日"), values=[
        Value(3, dt.date(2022, 1, 1),
              "《人民法院在线调解规则》（法释〔2021〕23号）第十四条，借用为派案时限", checked=True),
    ]),
    Parameter("judicial_confirmation_days", _("申请司法确认的期限（自调解协议生效之日起）"), unit=_("日"), values=[
        Value(30, dt.date(2011, 1, 1),
              "《中华人民共和国人民调解法》第三十三条", checked=True),
    ]),
    Parameter("arbitration_limitation_years", _("劳动争议仲裁时效"), unit=_("年"), values=[
        Value(1, dt.date(2008, 5, 1),
              f"{LDMAL}第二十七条", checked=True),
    ]),
    Parameter("claim_amount_max", _("单项请求金额上限"), unit=_("元"), values=[
        Value(10_000_000, dt.date(2026, 1, 1),
              "平台数据校验上限（非法定数值）：单项请求金额不超过 1000 万元", checked=True),
    ]),
    Parameter("evidence_max_bytes", _("单个证据文件大小上限"), unit=_("字节"), values=[
        Value(10 * 1024 * 1024, dt.date(2026, 1, 1),
              "平台安全参数（非法定数值）：单个证据文件不超过 10 MB", checked=True),
    ]),
    Parameter("speech_max_bytes", _("单段录音文件大小上限（语音转写）"), unit=_("字节"), values=[
        Value(10 * 1024 * 1024, dt.date(2026, 1, 1),
              "平台安全参数（非法定数值）：单段录音不超过 10 MB", checked=True),
    ]),
    Parameter("speech_max_seconds", _("单段录音时长上限（语音转写）"), unit=_("秒"), values=[
        Value(300, dt.date(2026, 1, 1),
              "平台参数（非法定数值）：单段录音不超过 5 分钟，识别在一个处理器核上约需录音时长的四分之一", checked=True),
    ]),
]
