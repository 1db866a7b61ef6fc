"""Who may do what in the 云调解室 scene.

Only the parties, the assigned mediator and the committee administrators whose scope covers the case (their
supervisors) see a mediation or enter its room; everyone else is told it does not exist (404).
"""

from zhili.core.identity.api import Role, has_role, in_scope, organizations_of, rule

from .choices import Side
from .roles import ADMIN


def side_of(user, mediation) -> str | None:
    """Which party ``user`` is in ``mediation`` (``worker``/``employer``), or None.

    The worker is the linked account or whoever logs in with the worker's phone; the employer is its linked
    contact, whoever logs in with the employer's contact phone, or an administrator of the employer.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if mediation.worker_id == user.pk or (user.phone_index and user.phone_index == mediation.worker_phone_index):
        return Side.WORKER
    if mediation.employer_contact_id == user.pk or (
            user.phone_index and user.phone_index == mediation.employer_phone_index):
        return Side.EMPLOYER
    if mediation.employer_id and mediation.employer_id in organizations_of(user, Role.EMPLOYER_ADMIN):
        return Side.EMPLOYER
    return None


def is_mediator(user, mediation) -> bool:
    return bool(mediation.mediator_id) and mediation.mediator_id == user.pk


def keeps_committee_seal(user, mediation) -> bool:
    """An active seal keeper (印章管理员) of the mediation's committee: who may use its seal certificate."""
    return bool(mediation.committee_id) and mediation.committee_id in organizations_of(user, Role.SEAL_KEEPER)


def is_supervisor(user, mediation) -> bool:
    return has_role(user, ADMIN) and in_scope(user, mediation.region)


@rule("mediation.apply")
def _apply(user, obj) -> bool:
    """Anyone logged in may ask for mediation; the service checks the door (own phone, own employer, walk-in)."""
    return bool(getattr(user, "is_authenticated", False))


@rule("mediation.mediation.view")
def _view(user, mediation) -> bool:
    if mediation is None:
        return True
    return bool(side_of(user, mediation)) or is_mediator(user, mediation) or is_supervisor(user, mediation)


@rule("mediation.mediation.respond")
def _respond(user, mediation) -> bool:
    """The invited party (the side that did not apply) accepts or declines."""
    side = side_of(user, mediation)
    return side is not None and side != mediation.applicant_side


@rule("mediation.mediation.withdraw")
def _withdraw(user, mediation) -> bool:
    return side_of(user, mediation) == mediation.applicant_side


@rule("mediation.mediation.assign")
def _assign(user, mediation) -> bool:
    return is_supervisor(user, mediation)


@rule("mediation.mediation.mediate")
def _mediate(user, mediation) -> bool:
    """The mediator's own acts: the room, the record, the outcome, the agreement."""
    return is_mediator(user, mediation) or is_supervisor(user, mediation)


@rule("mediation.mediation.decline_conflict")
def _conflict(user, mediation) -> bool:
    return is_mediator(user, mediation)


@rule("mediation.room.enter")
def _enter(user, mediation) -> bool:
    return bool(side_of(user, mediation)) or is_mediator(user, mediation) or is_supervisor(user, mediation)


@rule("mediation.mediator.manage")
def _manage_mediators(user, region) -> bool:
    return has_role(user, ADMIN) and (region is None or in_scope(user, region))


@rule("mediation.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, ADMIN, Role.MEDIATOR)


@rule("mediation.case.step")
def _case_step(user, case) -> bool:
    """A step of the mediation's case follows the mediation: its parties, its mediator or a supervisor take it."""
    from .models import Mediation

    mediation = Mediation.objects.filter(case_id=getattr(case, "pk", None)).first()
    if mediation is None:
        return False
    return bool(side_of(user, mediation)) or is_mediator(user, mediation) or is_supervisor(user, mediation)


def may_enter(user, mediation, session: str = "joint") -> bool:
    """Who enters a session of the room: checked directly (not through ``can``), so that nobody outside the
    case — not even a platform administrator — reads the parties' talk. A separate (背对背) session is the
    mediator's with one side only."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_mediator(user, mediation) or is_supervisor(user, mediation):
        return True
    side = side_of(user, mediation)
    return side is not None and session in ("joint", side)
