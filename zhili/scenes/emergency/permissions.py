"""Who may do what in the 浙里急救 scene.

Anyone signed in may call 120. The dispatch centre (dispatchers of the call's region) takes, triages and
dispatches calls. A patient's record (vital signs, notes) is visible only to the run's crew, the receiving
hospital's staff and the dispatch centre; everyone else gets "not found".
"""

from zhili.core.identity.api import Role, has_role, in_scope, organizations_of, rule

from .roles import CREW, DISPATCHER, HOSPITAL, LEADER


def is_centre(user, region) -> bool:
    return has_role(user, DISPATCHER) and in_scope(user, region)


def is_run_crew(user, run) -> bool:
    return has_role(user, CREW) and run.ambulance.crew.filter(pk=user.pk).exists()


def is_receiving_hospital(user, run) -> bool:
    return (run.hospital_id is not None and has_role(user, HOSPITAL)
            and run.hospital.organization_id in organizations_of(user, HOSPITAL))


@rule("emergency.call.place")
def _place(user, region) -> bool:
    return user is not None and user.is_authenticated


@rule("emergency.call.take")
def _take(user, call) -> bool:
    if call is None:
        return has_role(user, DISPATCHER)
    return is_centre(user, call.region)


@rule("emergency.run.patient")
def _patient(user, run) -> bool:
    return is_centre(user, run.call.region) or is_run_crew(user, run) or is_receiving_hospital(user, run)


@rule("emergency.run.crew")
def _crew(user, run) -> bool:
    if run is None:
        return has_role(user, CREW)
    return is_run_crew(user, run)


@rule("emergency.run.hand_over")
def _hand_over(user, run) -> bool:
    if run is None:
        return has_role(user, HOSPITAL)
    return is_receiving_hospital(user, run)


@rule("emergency.network.load")
def _network(user, region) -> bool:
    return has_role(user, DISPATCHER, Role.PLATFORM_ADMIN) and (region is None or in_scope(user, region))


@rule("emergency.aed.view")
def _aed(user, obj) -> bool:
    return user is not None and user.is_authenticated


@rule("emergency.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, LEADER, DISPATCHER)


@rule("emergency.terminal.manage")
def _terminal(user, region) -> bool:
    """The dispatch centre registers and revokes its ambulances' terminals (its county only)."""
    return has_role(user, DISPATCHER) and (region is None or in_scope(user, region))
