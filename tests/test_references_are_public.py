"""What a rule rests on is shown to officials (/policy/rules/, risk profiles, case deadlines): it must name a law, a
document or a public source, never the project's own research notes (reference/labor.md §5.3, [JLP])."""

import re

from zhili.core.cases.api import case_types
from zhili.core.foundation.parameters import parameter_sets
from zhili.core.indicators.registry import systems

INTERNAL = re.compile(r"(labor|scenes|esign|stack)\.md|reference/|§\d|\[[A-Z]{2,}[A-Z0-9-]*\]")


def _parameter_references():
    for parameter_set in parameter_sets.values():
        for parameter in parameter_set.parameters.values():
            for key in parameter.keys() or [None]:
                for value in parameter.series(key):
                    yield f"{parameter_set.code}.{parameter.name}", value.reference


def _indicator_references():
    for system in systems.values():
        yield system.code, system.reference
        for dimension in system.dimensions:
            for point in dimension.control_points:
                for indicator in point.indicators:
                    yield f"{system.code}/{indicator.code}", indicator.reference
        for veto in system.veto_rules:
            yield f"{system.code}/{veto.code}", veto.reference


def test_no_shown_reference_points_at_the_projects_own_notes():
    shown = list(_parameter_references()) + list(_indicator_references())
    shown += [(f"cases.{code}", case_type.deadline_basis) for code, case_type in case_types().items()]
    assert len(shown) > 100
    assert [(where, text) for where, text in shown if INTERNAL.search(text or "")] == []
