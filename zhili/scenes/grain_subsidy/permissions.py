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


@rule("grain_subsidy.rectification.act")
def _rectification_act(user, case) -> bool:
    """A clerk whose scope holds a rectification task's region acts on it."""
    return case is not None and _manage(user, case.region)


@rule("grain_subsidy.rectification.reverify")
def _rectification_reverify(user, case) -> bool:
    """Closing a rectification task as 已整改 also needs the evidence: a field check on the plot, made after the task
    opened, that found a use which is not red."""
    from .models import FieldCheck, PreVerifiedPlot
    from .rules import RED_USES

    if not _rectification_act(user, case):
        return False
    line = PreVerifiedPlot.objects.filter(rectification=case).only("plot_id").first()
    latest = (FieldCheck.objects.filter(plot=line.plot_id, checked_at__gte=case.created_at)
              .order_by("-checked_at", "-id").first()) if line else None
    return latest is not None and latest.land_use not in RED_USES
