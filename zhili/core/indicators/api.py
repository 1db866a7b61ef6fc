"""What scenes may use from core.indicators (指标预警).

Declaring an indicator system in a scene's ``indicators.py`` (``INDICATOR_SYSTEMS = [...]``):
    ``IndicatorSystem``, ``Dimension``, ``ControlPoint``, ``Indicator``, ``Threshold``, ``VetoRule``, and the
    expressions ``Count``, ``Sum``, ``Flag``, ``Ratio``, ``Change``, ``Condition``, ``Where``;
    ``evidence_terms(expression)`` names the rows behind a value.
Evaluating: ``evaluate_system(code, period_end, actor=, engine=)`` stores a run (the service);
    ``evaluate_on(system, period_end, engine)`` and ``score_rows(system, rows)`` compute without storing;
    ``describe_value(indicator, value)`` and ``describe_condition(indicator)`` show them as people read them.
Results (reads): ``EntityResult``, ``LevelHistory``; ``Level`` (green/yellow/orange/red with colours);
    ``get_system(code)``, ``systems``.
Signed status codes (码): ``issue_status_code``, ``check_status_code``, ``status_code_svg``.
"""

from .choices import Level
from .compiler import evaluate_on, score_rows
from .declarations import (
    Change,
    Condition,
    ControlPoint,
    Count,
    Dimension,
    Flag,
    Indicator,
    IndicatorSystem,
    Ratio,
    Sum,
    Threshold,
    VetoRule,
    Where,
    evidence_terms,
)
from .display import describe_condition, describe_value
from .models import EntityResult, LevelHistory
from .registry import get_system, systems
from .services import evaluate_system
from .statuscodes import check_status_code, issue_status_code, status_code_svg

__all__ = [
    "Change", "Condition", "ControlPoint", "Count", "Dimension", "EntityResult", "Flag", "Indicator",
    "IndicatorSystem", "Level", "LevelHistory", "Ratio", "Sum", "Threshold", "VetoRule", "Where",
    "check_status_code", "describe_condition", "describe_value", "evaluate_on", "evaluate_system", "evidence_terms", "get_system", "issue_status_code",
    "score_rows", "status_code_svg", "systems",
]
