import csv
import datetime as dt

import pytest

PERIOD_END = dt.date(2025, 6, 30)
PLANTED = ("cascade_red", "cascade_orange", "disputes")


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def synth_dir(tmp_path):
    """Sixty enterprises in 建德市's towns; the first three carry the three planted patterns."""
    from zhili.scenes.labor_risk.synth import generate

    out = tmp_path / "synth"
    generate(out, enterprises=60, period_end=PERIOD_END, seed=7, county=("330182", "建德市"),
             province=("330000", "浙江省"), force=PLANTED)
    return out


@pytest.fixture
def truth(synth_dir) -> dict[str, str]:
    with open(synth_dir / "truth.csv", encoding="utf-8") as handle:
        return {row["uscc"]: row["pattern"] for row in csv.DictReader(handle)}


@pytest.fixture
def loaded(synth_dir, var_dir, officer_wang):
    """The synthetic files loaded through the data pool and the register synced."""
    from zhili.scenes.labor_risk.loading import load_directory

    report = load_directory(synth_dir, actor=officer_wang)
    assert report["failed"] == []
    return report


@pytest.fixture
def routed_to_zhao(inspector_zhao):
    """Warning cases in 建德市 go to inspector 赵强's bureau and to him."""
    from zhili.core.cases.api import AssignmentRule
    from zhili.core.orgs.api import region_by_code

    bureau = inspector_zhao.memberships.get().organization
    return AssignmentRule.objects.create(case_type="labor_risk_warning", region=region_by_code("330182"),
                                         organization=bureau, assignee=inspector_zhao)


@pytest.fixture
def evaluated(loaded, routed_to_zhao, officer_wang, django_capture_on_commit_callbacks):
    from zhili.scenes.labor_risk.services import evaluate_labor_risk

    with django_capture_on_commit_callbacks(execute=True):
        return evaluate_labor_risk(PERIOD_END, actor=officer_wang)


@pytest.fixture
def inspector_elsewhere(db):
    """钱进, an inspector of 桐庐县: outside 建德市."""
    from zhili.core.identity.api import Role
    from zhili.core.testing.api import RegionFactory, personas

    region = RegionFactory(code="330122", name="桐庐县")
    return personas.department_user(role=Role.INSPECTOR, name="钱进", username="inspector_qian", region=region,
                                    phone="13800000009")
