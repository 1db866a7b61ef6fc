"""The registry of case types, filled by the scene loader from every app's ``workflows.py`` (``CASE_TYPES``)."""

import logging
from types import ModuleType

from zhili.core.foundation.parameters import Parameter, Value, parameter_sets, register_parameter_set
from zhili.core.foundation.registry import Registry

from .declarations import CaseType

logger = logging.getLogger(__name__)

case_type_registry = Registry("case types")


def register(case_type: CaseType) -> CaseType:
    """Register one case type (two declarations may not share a code) and its deadlines as dated parameters."""
    if not isinstance(case_type, CaseType):
        raise TypeError(f"CASE_TYPES 只能包含 CaseType，收到 {case_type!r}")
    registered = case_type_registry.register(case_type.code, case_type)
    if case_type.deadlines and deadline_set(case_type) not in parameter_sets:
        register_parameter_set(deadline_set(case_type), f"{case_type.name}（办理时限）", deadline_parameters(case_type))
    return registered


def deadline_set(case_type: CaseType) -> str:
    return f"cases.{case_type.code}"


def deadline_parameters(case_type: CaseType) -> list[Parameter]:
    """Each state's deadline in working days, dated from ``deadlines_from`` (and any later values)."""
    found = []
    for state in dict.fromkeys((*case_type.deadlines, *case_type.later_deadlines)):
        values = []
        if state in case_type.deadlines:
            values.append(Value(case_type.deadlines[state], case_type.deadlines_from, case_type.deadline_basis))
        values += [Value(days, since, basis) for days, since, basis in case_type.later_deadlines.get(state, ())]
        found.append(Parameter(state, f"{case_type.state(state).label}时限", values=values, unit="工作日"))
    return found


def register_module(module: ModuleType, *, scene: str = "") -> list[CaseType]:
    """Register every case type a ``workflows`` module declares in ``CASE_TYPES``."""
    declared = list(module.CASE_TYPES)
    for case_type in declared:
        if case_type_registry.get(case_type.code) is not case_type:
            register(case_type)
    return declared


def case_types() -> dict[str, CaseType]:
    """Every registered case type by code."""
    return dict(case_type_registry.items())


def get_case_type(code: str) -> CaseType:
    """The case type called ``code``; an unknown code is a clear error."""
    found = case_types().get(code)
    if found is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"case_type": f"未知的工单类型：{code}"}, code="unknown_case_type")
    return found
