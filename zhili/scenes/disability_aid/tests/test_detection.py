"""Detection (主动感知): the rule against hand-written cases, the Python baseline agreeing, the planted truth of the
synthetic county found exactly, and one case per person sent to the village worker."""

import datetime as dt

from zhili.core.cases.api import Case
from zhili.scenes.disability_aid import detection, services, synth
from zhili.scenes.disability_aid.models import SuspectedCase

from .conftest import ON, ROWS, SUSPECTED


def _python_records():
    typed = {}
    for code, rows in ROWS.items():
        typed[code] = []
        for row in rows:
            row = dict(row)
            for name in ("assessed_on", "diagnosed_on", "issued_on", "died_on", "birth_date"):
                if name in row:
                    row[name] = dt.date.fromisoformat(row[name])
            if "grade" in row and code != "da_certificates":
                row["grade"] = int(row["grade"])
            typed[code].append(row)
    return typed


def test_detection_finds_exactly_the_uncertified_living_people_with_a_trigger(pool, town, other_town):
    """Certificate holders, the dead, near-miss codes and records dated after the day are left out."""
    rows = detection.detect(ON).to_pylist()
    assert sorted({r["person_id"] for r in rows}) == SUSPECTED
    evidence = {(r["person_id"], r["source"], r["record_id"], r["detail"]) for r in rows}
    assert evidence == {("P00000001", "work_injury", "W1", "7"), ("P00000002", "traffic_injury", "T1", "9"),
                        ("P00000002", "diagnosis", "D1", "I69.3"), ("P00000003", "diagnosis", "D2", "F20.0"),
                        ("P00000007", "diagnosis", "D5", "S24.1")}
    baseline = detection.detect_python(_python_records(), ON, detection.Triggers.on(ON))
    assert sorted(baseline) == SUSPECTED
    assert baseline["P00000002"] == [("diagnosis", "D1"), ("traffic_injury", "T1")]


def test_a_night_s_detection_opens_one_case_per_person_for_the_town_s_worker(detected, worker_ye, worker_chen):
    assert detected == {"persons": 4, "new": 4, "cases": 4, "already": 0, "skipped": 0}
    suspects = {s.person.key: s for s in SuspectedCase.objects.select_related("person", "case")}
    assert {k: s.worker.username for k, s in suspects.items()} == {
        "P00000001": "worker_ye", "P00000002": "worker_ye", "P00000003": "worker_ye", "P00000007": "worker_chen"}
    second = suspects["P00000002"]
    assert second.sources == "diagnosis,traffic_injury"
    assert second.evidence[0] == {"source": "traffic_injury", "record_id": "T1", "on": "2026-02-10", "detail": "9"}
    assert second.evidence[1]["matched"] == "I69 脑血管病后遗症（脑卒中后遗症）"
    assert second.case.case_type == "disability_aid_suspect" and second.case.assignee == worker_ye
    assert second.case.state == "detected"
    again = services.run_detection(ON, actor="task:test", refresh=False)
    assert again == {"persons": 4, "new": 0, "cases": 0, "already": 4, "skipped": 0}
    assert SuspectedCase.objects.count() == 4 and Case.objects.count() == 4


def test_the_synthetic_county_s_planted_suspects_are_found_with_precision_and_recall_one(tmp_path, town):
    report = synth.synthesize(tmp_path, persons=3000, records=20000, certificates=120, on=ON, seed=7)
    synth.load(report, actor="test", bulk=True)
    found = {r["person_id"] for r in detection.detect(ON, refresh=False).to_pylist()}
    assert len(report.truth) > 20
    assert found == report.truth
