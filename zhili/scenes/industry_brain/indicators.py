"""The 童装产业大脑 scene's indicator system (运行监测), evaluated by core.indicators over its two monthly
datasets (the 经信局's output file and the power company's consumption file).

The thresholds are the platform's own operating values, not official ones: not checked, as the reference says.
"""

import datetime as dt

from zhili.core.indicators.api import (
    Condition,
    ControlPoint,
    Count,
    Dimension,
    Indicator,
    IndicatorSystem,
    Sum,
    Threshold,
)

REFERENCE = "平台运营监测口径（吴兴区经信局），非官方指标，未经核实"
SINCE = dt.date(2026, 1, 1)

INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code="industry_brain_slowdown",
        name="童装企业运行放缓监测",
        entity_field="uscc",
        entity_label="企业",
        reference=REFERENCE,
        effective_from=SINCE,
        dimensions=(
            Dimension("activity", "生产活跃度", 1.0, (
                ControlPoint("output", "产量与用电", (
                    Indicator("reports", "近60天未报送月度数据", Count("industry_brain_monthly", "recorded_on", 60),
                              Condition("<", 1), 60, REFERENCE, SINCE),
                    Indicator("energy", "近60天用电量（千瓦时）低",
                              Sum("industry_brain_power", "energy_kwh", "recorded_on", 60),
                              Condition("<", 5000), 40, REFERENCE, SINCE),
                )),
            )),
        ),
        thresholds=(Threshold("red", 90), Threshold("orange", 60), Threshold("yellow", 30)),
    ),
]
