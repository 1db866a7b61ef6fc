"""Login and token limits (policy domain ``identity``): platform security policy, dated so a change leaves a trace.

Security limits follow GB/T 22239-2019 (等保 2.0) 8.1.4.1 "应具有登录失败处理功能…限制非法登录次数和当登录连接超时
自动退出". The standard asks for the functions, not these numbers: each value is the platform's own choice.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "identity"
SINCE = dt.date(2025, 1, 1)
_STANDARD = "平台安全策略；GB/T 22239-2019 8.1.4.1（标准要求具备该功能，数值由平台确定）"
_SMS = "平台安全策略（短信发送频率）"
_LOCK = "GB/T 22239-2019 8.1.4.1 登录失败处理（标准要求具备该功能，数值由平台确定）"

PARAMETERS = [
    Parameter("otp_ttl_seconds", _("短信验证码有效期"), unit=_("秒"), values=[Value(300, SINCE, _STANDARD)]),
    Parameter("otp_max_attempts", _("短信验证码最多尝试次数"), unit=_("次"), values=[Value(5, SINCE, _STANDARD)]),
    Parameter("otp_resend_seconds", _("重新发送验证码的间隔"), unit=_("秒"), values=[Value(60, SINCE, _SMS)]),
    Parameter("otp_per_phone_hour", _("每个手机号每小时最多验证码条数"), unit=_("条"), values=[Value(5, SINCE, _SMS)]),
    Parameter("otp_per_ip_hour", _("每个 IP 每小时最多验证码条数"), unit=_("条"), values=[Value(30, SINCE, _SMS)]),
    Parameter("password_max_failures", _("密码连续错误锁定次数"), unit=_("次"), values=[Value(5, SINCE, _LOCK)]),
    Parameter("password_lock_minutes", _("密码错误锁定时长"), unit=_("分钟"), values=[Value(15, SINCE, _LOCK)]),
    Parameter("token_ttl_seconds", _("接口令牌有效期"), unit=_("秒"), values=[
        Value(3600, SINCE, "平台安全策略（接口令牌有效期）")]),
]
