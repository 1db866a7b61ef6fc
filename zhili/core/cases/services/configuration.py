"""Routing configuration: assignment rules."""


from django.core.exceptions import ValidationError
from django.db import transaction

from zhili.core.foundation import audit
from zhili.core.identity.permissions import require

from ..models import AssignmentRule
from ..registry import case_types
from .common import (
    require_department_member,
)


@transaction.atomic
def save_assignment_rule(rule: AssignmentRule, *, actor) -> AssignmentRule:
    """Create or change an assignment rule (分派规则); platform administrators only."""
    require(actor, "cases.assignment_rule.change", rule)
    if rule.case_type and rule.case_type not in case_types():
        raise ValidationError({"case_type": f"工单类型：未知的类型 {rule.case_type}"}, code="unknown_case_type")
    if rule.assignee is not None:
        require_department_member(rule.assignee, rule.organization, "assignee")
    created = rule.pk is None
    rule.save()
    audit.record("cases.assignment_rule.created" if created else "cases.assignment_rule.changed", actor=actor,
                 target=rule, data={"case_type": rule.case_type, "region": rule.region.code,
                                    "organization_id": rule.organization_id, "assignee_id": rule.assignee_id,
                                    "supervisor_id": rule.supervisor_id, "is_active": rule.is_active})
    return rule
