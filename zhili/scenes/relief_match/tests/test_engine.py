"""The county run on a small synthetic county: every planted household found, nothing else, and the same
decisions as one household at a time in Python from its own records."""

import datetime as dt
import json

import pytest

from zhili.core.policy.api import decide_all, get_domain
from zhili.scenes.relief_match.engine import FactReader, help_policies, run_county, warning_rules
from zhili.scenes.relief_match.facts import DATASET_CODES, facts_from_records, records_of

ON = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """3,000 persons written by the synth, loaded through the data pool's bulk lane, and one run."""
    from django.conf import settings

    from zhili.core.datapool.api import snapshot_from_csv
    from zhili.scenes.relief_match.synth import generate

    folder = tmp_path_factory.mktemp("county")
    previous = settings.VAR_DIR
    settings.VAR_DIR = folder / "var"
    try:
        summary = generate(folder / "csv", persons=3000, on=ON, seed=7)
        for code in DATASET_CODES:
            snapshot_from_csv(code, folder / "csv" / f"{code}.csv")
        run = run_county(get_domain("relief_match"), ON)
        truth = json.loads((folder / "csv" / "truth.json").read_text(encoding="utf-8"))["truth"]
        yield summary, run, truth, folder
    finally:
        settings.VAR_DIR = previous


def test_discovery_finds_exactly_the_planted_households(county):
    summary, run, truth, _ = county
    keys = run.warnings.keys()

    found = {p.code: sorted(k for k, s in zip(keys, run.warnings.statuses(p.code), strict=True) if s == "eligible")
             for p in run.warnings.policies}

    assert found == truth
    assert sum(len(v) for v in truth.values()) == sum(summary["planted"].values()) == 12


def test_all_46_help_policies_are_matched_for_every_household(county):
    summary, run, _, _ = county

    counts = run.matches.counts()

    assert len(counts) == 46
    assert run.households == len(run.matches) == summary["households"]
    assert all(sum(c.values()) == run.households for c in counts.values())
    assert counts["dibao_allowance"]["eligible"] == 38


def test_one_household_from_its_records_is_decided_as_the_county_run_decided_it(county):
    _, run, _, folder = county
    import duckdb

    keys = run.matches.keys()
    sample = keys[::25]
    records = records_of(duckdb.connect(), folder / "var" / "datapool" / "snapshots", sample)
    domain = get_domain("relief_match")
    policies = warning_rules(domain, ON) + help_policies(domain, ON)
    reader = FactReader(folder / "var" / "relief_match" / "facts")
    for key in sample:
        facts, members = facts_from_records(records[key], ON)
        kept, kept_members = reader.household(key)
        assert {k: kept[k] for k in facts} == facts, key
        assert [{k: m[k] for k in members[0]} for m in kept_members] == members, key
        index = keys.index(key)
        engine = {**run.warnings.outcome(index), **run.matches.outcome(index)}
        assert {d.policy.code: (str(d.status), d.amount)
                for d in decide_all(domain, facts, members, ON, policies=policies, explain=False)} == engine, key
