"""Login and token limits in force on a day: the dated parameters of ``policies.py``."""

import datetime as dt

from django.utils import timezone

from zhili.core.foundation.api import parameter_on

from .policies import DOMAIN, PARAMETERS


def current_rules(on: dt.date | None = None) -> dict[str, int]:
    """The value of each limit in force on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return {parameter.name: parameter_on(DOMAIN, parameter.name, on).value for parameter in PARAMETERS}
