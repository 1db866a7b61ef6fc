"""A worsening grade opens a rectification case (碳效整改) for the enterprise's region."""

from zhili.core.cases.api import Case
from zhili.scenes.carbon_code import services

from .conftest import months


def test_a_grade_worsening_to_four_opens_a_case(worked_example, pool, officer_zhou, county,
                                                django_capture_on_commit_callbacks):
    """甲 is 3 级 while it uses 80,000 kWh a month; back at 100,000 kWh it is 4 级: orange, a case is opened."""
    from zhili.core.cases.api import AssignmentRule

    firm_a, _b = worked_example
    office = officer_zhou.memberships.get().organization
    AssignmentRule.objects.create(case_type="carbon_code.rectification", region=county, organization=office)
    pool([(firm_a.uscc, m, "grid_electricity", 80000, "kWh") for m in months()])
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluate_period("2025", actor=officer_zhou)
    assert Case.objects.count() == 0  # 3 级 is yellow: no case
    pool([(firm_a.uscc, m, "grid_electricity", 100000, "kWh") for m in months()])
    with django_capture_on_commit_callbacks(execute=True):
        services.evaluate_period("2025", actor=officer_zhou)
    case = Case.objects.get()
    assert (case.case_type, case.title) == ("carbon_code.rectification", "甲机械有限公司 2025 年碳效降为中碳4级，请督促整改")
    assert case.organization_id == office.pk
