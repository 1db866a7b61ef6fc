"""The 浙农补 scene's grain-storage warning (三色预警 on grain reserves and seed stock), evaluated by core.indicators
over the storage returns per depot.

The reserve plan itself is national law (《粮食安全保障法》2023, 储备规模 set by the plan); the thresholds below —
how far below plan or how close to full capacity turns a depot yellow or red — could not be read in a Zhejiang or
Pinghu text and are design assumptions, said so in every reference.
"""

import datetime as dt

from zhili.core.indicators.api import (
    Condition,
    ControlPoint,
    Dimension,
    Indicator,
    IndicatorSystem,
    Ratio,
    Sum,
    Threshold,
)

REFERENCE = "设计假设，平湖市/浙江省预警阈值未能核实；储备规模依据《中华人民共和国粮食安全保障法》（2023）第二章"
SINCE = dt.date(2026, 1, 1)
DATASET = "grain_subsidy_storage"
WINDOW = 31


def _latest(field: str):
    return Sum(DATASET, field, "reported_on", WINDOW)


INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code="grain_subsidy_storage",
        name="粮食储备与种子库存预警",
        entity_field="depot_code",
        entity_label="库点",
        reference=REFERENCE,
        effective_from=SINCE,
        dimensions=(
            Dimension("grain", "粮食储备", 0.7, (
                ControlPoint("reserve", "储备规模落实", (
                    Indicator("below_plan", "实际库存低于储备计划的 95%", Ratio(_latest("stock_t"), _latest("reserve_t")),
                              Condition("<", 0.95), 40, REFERENCE, SINCE),
                    Indicator("far_below_plan", "实际库存低于储备计划的 80%",
                              Ratio(_latest("stock_t"), _latest("reserve_t")), Condition("<", 0.8), 50, REFERENCE,
                              SINCE),
                )),
                ControlPoint("capacity", "仓容", (
                    Indicator("near_full", "库存超过仓容的 95%", Ratio(_latest("stock_t"), _latest("capacity_t")),
                              Condition(">", 0.95), 10, REFERENCE, SINCE),
                )),
            )),
            Dimension("seed", "种子储备", 0.3, (
                ControlPoint("seed_reserve", "救灾备荒种子", (
                    Indicator("seed_below_plan", "种子库存低于储备计划",
                              Ratio(_latest("seed_stock_t"), _latest("seed_reserve_t")), Condition("<", 1.0), 100,
                              REFERENCE, SINCE),
                )),
            )),
        ),
        thresholds=(Threshold("red", 60), Threshold("yellow", 30)),
    ),
]
