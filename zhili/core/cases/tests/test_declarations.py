import pytest

from zhili.core.cases.declarations import CaseType, State, Transition, closed_loop_case_type
from zhili.core.cases.registry import case_types, get_case_type


def test_the_dummy_scenes_workflows_are_registered_at_start_up():
    types = case_types()
    assert {"dummy_complaint", "dummy_request"} <= set(types)
    complaint = get_case_type("dummy_complaint")
    assert complaint.name == "测试投诉"
    assert complaint.deadlines["handling"] == 3
    assert complaint.on_overdue == "escalate"
    assert get_case_type("dummy_request").on_overdue == "remind"


def test_the_standard_closed_loop_has_its_steps_in_order():
    loop = closed_loop_case_type("demo", "演示")
    assert [(t.name, t.source, t.target) for t in loop.transitions] == [
        ("accept", ("submitted",), "accepted"),
        ("reject", ("submitted",), "rejected"),
        ("dispatch", ("accepted",), "dispatched"),
        ("handle", ("dispatched",), "handling"),
        ("report_back", ("handling",), "reported"),
        ("send_back", ("reported",), "handling"),
        ("close", ("reported",), "closed"),
    ]
    assert [str(s.label) for s in loop.states] == ["待受理", "已受理", "已派单", "处置中", "已反馈", "已办结", "不予受理"]
    assert loop.final_states == ("closed", "rejected")


def test_a_declaration_naming_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="unknown states"):
        CaseType("bad", "坏类型", states=(State("a", "甲"),), initial="a",
                 transitions=(Transition("go", "a", "b", "走"),))
    with pytest.raises(ValueError, match="on_overdue"):
        closed_loop_case_type("bad2", "坏类型", on_overdue="ignore")


def test_the_registry_is_frozen_after_start_up():
    from zhili.core.cases.registry import register
    from zhili.core.foundation.registry import RegistryFrozen

    with pytest.raises(RegistryFrozen):
        register(closed_loop_case_type("late", "迟到的类型"))
