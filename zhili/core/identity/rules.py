"""Login and token limits: platform security policy, dated so that a change leaves a trace."""

import datetime as dt

from django.utils import timezone

# Each entry: value, effective date, basis. Security limits follow GB/T 22239-2019 (等保 2.0) 8.1.4.1
# "应具有登录失败处理功能…限制非法登录次数和当登录连接超时自动退出".
RULES = {
    "otp_ttl_seconds": [(300, dt.date(2025, 1, 1), "平台安全策略；GB/T 22239-2019 8.1.4.1")],
    "otp_max_attempts": [(5, dt.date(2025, 1, 1), "平台安全策略；GB/T 22239-2019 8.1.4.1")],
    "otp_resend_seconds": [(60, dt.date(2025, 1, 1), "平台安全策略（短信发送频率）")],
    "otp_per_phone_hour": [(5, dt.date(2025, 1, 1), "平台安全策略（短信发送频率）")],
    "otp_per_ip_hour": [(30, dt.date(2025, 1, 1), "平台安全策略（短信发送频率）")],
    "password_max_failures": [(5, dt.date(2025, 1, 1), "GB/T 22239-2019 8.1.4.1 登录失败处理")],
    "password_lock_minutes": [(15, dt.date(2025, 1, 1), "GB/T 22239-2019 8.1.4.1 登录失败处理")],
    "token_ttl_seconds": [(3600, dt.date(2025, 1, 1), "平台安全策略（接口令牌有效期）")],
}


def current_rules(on: dt.date | None = None) -> dict[str, int]:
    """The value of each rule in force on ``on`` (today by default)."""
    on = on or timezone.localdate()
    values = {}
    for name, versions in RULES.items():
        in_force = [v for v in versions if v[1] <= on]
        values[name] = max(in_force, key=lambda v: v[1])[0]
    return values
