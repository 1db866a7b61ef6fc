"""Who may do what in the 碳效码 scene: officers in their region; an enterprise's administrators its own figures."""

from zhili.core.identity.api import has_role, in_scope, organizations_of, rule

from .roles import BANK, ENTERPRISE, OFFICER


@rule("carbon_code.result.view")
def _view(user, result) -> bool:
    if result is None:
        return has_role(user, OFFICER)
    return (has_role(user, OFFICER) and in_scope(user, result.region)) or \
        result.enterprise_id in organizations_of(user, ENTERPRISE)


@rule("carbon_code.evaluation.run")
def _run(user, obj) -> bool:
    return has_role(user, OFFICER)


@rule("carbon_code.enterprise.own")
def _own(user, enterprise) -> bool:
    if enterprise is None:
        return bool(organizations_of(user, ENTERPRISE))
    return enterprise.pk in organizations_of(user, ENTERPRISE)


@rule("carbon_code.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, OFFICER)


@rule("carbon_code.bill.issue")
def _bill(user, result) -> bool:
    """An officer for an enterprise in their region, or the enterprise's administrator for its own."""
    return result is not None and _view(user, result)


@rule("carbon_code.loan.publish")
def _publish(user, obj) -> bool:
    return bool(organizations_of(user, BANK))


@rule("carbon_code.loan.decide")
def _decide(user, application) -> bool:
    return application is not None and application.product.bank_id in organizations_of(user, BANK)
