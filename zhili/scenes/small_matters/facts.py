"""The unemployment benefit's facts per person, built in Ibis from the three datasets (DuckDB by default).

For a day ``on``: each person's latest insurance stop within the claim window; the reason of the employment that
ended last on or before ``on``; whether a later employment started (re-employed); and whether the person
registered as unemployed, seeking work, after the stop. One row per person, keyed by ``person_key``.
"""

import datetime as dt

FACT_COLUMNS = ("person_key", "name", "region_code", "employer_uscc", "employer_name", "stop_date",
                "contribution_months", "contribution_years", "unused_months", "separation_reason", "registered_on",
                "registered_unemployed", "reemployed")


def _latest(table, order: str):
    import ibis

    ranked = table.mutate(_rank=ibis.row_number().over(group_by="person_key", order_by=ibis.desc(order)))
    return ranked.filter(ranked._rank == 0).drop("_rank")


def person_facts(stops, employment, registrations, on: dt.date, window_days: int):
    """An Ibis table of the facts of every person whose insurance stopped in the ``window_days`` before ``on``."""
    import ibis

    since = on - dt.timedelta(days=window_days)
    stops = _latest(stops.filter((stops.stop_date >= since) & (stops.stop_date <= on)), "stop_date")
    ended = employment.filter(employment.ended_on.notnull() & (employment.ended_on <= on))
    ended = _latest(ended, "ended_on").select("person_key", "separation_reason")
    starts = employment.select(s_key=employment.person_key, started_on=employment.started_on)
    later = stops.select("person_key", "stop_date").join(
        starts, [stops.person_key == starts.s_key, starts.started_on > stops.stop_date, starts.started_on <= on])
    later = later.group_by("person_key").aggregate(_later=later.started_on.count())
    registered = registrations.filter(registrations.seeking_work & (registrations.registered_on <= on))
    registered = registered.group_by("person_key").aggregate(registered_on=registered.registered_on.max())
    joined = (stops.left_join(ended, "person_key").select(~ibis.selectors.endswith("_right"))
              .left_join(later, "person_key").select(~ibis.selectors.endswith("_right"))
              .left_join(registered, "person_key").select(~ibis.selectors.endswith("_right")))
    return joined.select(
        "person_key", "name", "region_code", "employer_uscc", "employer_name", "stop_date", "contribution_months",
        contribution_years=joined.contribution_months.cast("float64") / 12.0,
        unused_months=joined.unused_months.fill_null(0).cast("float64"),
        separation_reason=joined.separation_reason,
        registered_on=joined.registered_on,
        registered_unemployed=joined.registered_on.notnull() & (joined.registered_on >= joined.stop_date),
        reemployed=joined._later.fill_null(0) > 0,
    )


def dataset_tables(con, *, refresh: bool = True) -> tuple:
    from zhili.core.datapool.api import ibis_table

    from .datasets import DATASET_CODES

    return tuple(ibis_table(code, "duckdb", con=con, refresh=refresh) for code in DATASET_CODES)
