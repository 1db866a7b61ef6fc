"""Who may do what in the 浙农补 scene: clerks keep plots, rounds and claims of their region; approvers of the region
approve payment files; a farmer sees and claims only their own pre-verified plots."""

from zhili.core.identity.api import has_role, in_scope, rule

from .roles import APPROVER, CLERK, FARMER


def _region(obj):
    return getattr(obj, "region", obj)


@rule("grain_subsidy.plot.manage")
def _manage(user, obj) -> bool:
    return has_role(user, CLERK) and (obj is None or in_scope(user, _region(obj)))


@rule("grain_subsidy.plot.view")
def _view(user, obj) -> bool:
    return has_role(user, CLERK, APPROVER) and (obj is None or in_scope(user, _region(obj)))


@rule("grain_subsidy.claim.submit")
def _claim(user, farmer) -> bool:
    return has_role(user, FARMER) and (farmer is None or farmer.user_id == user.pk)


@rule("grain_subsidy.payment.approve")
def _approve(user, payment_file) -> bool:
    return has_role(user, APPROVER) and (payment_file is None or in_scope(user, payment_file.round.region))


@rule("grain_subsidy.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, CLERK, APPROVER)
