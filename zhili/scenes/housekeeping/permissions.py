"""Who may do what in the 浙里好家政 scene.

Clerks of the 商务局 keep the registry and the watch list in their region; an agency's administrators register and
look after their own workers and sign for their notice slips; a worker sees their own code; a signed-in
customer may open a code they scanned (the scan page shows only what may be shown).
"""

from zhili.core.identity.api import has_role, in_scope, organizations_of, rule

from .roles import AGENCY_ADMIN, CLERK, CUSTOMER, WORKER


def _admin_of(user, agency) -> bool:
    return agency.organization_id in organizations_of(user, AGENCY_ADMIN)


@rule("housekeeping.agency.register")
def _register_agency(user, region) -> bool:
    return has_role(user, CLERK) and (region is None or in_scope(user, region))


@rule("housekeeping.agency.manage")
def _manage_agency(user, agency) -> bool:
    if agency is None:
        return has_role(user, AGENCY_ADMIN)
    return _admin_of(user, agency)


@rule("housekeeping.worker.register")
def _register_worker(user, agency) -> bool:
    if agency is None:
        return has_role(user, AGENCY_ADMIN, CLERK)
    return _admin_of(user, agency) or (has_role(user, CLERK) and in_scope(user, agency.region))


@rule("housekeeping.worker.view")
def _view_worker(user, worker) -> bool:
    if worker is None:
        return has_role(user, CLERK, AGENCY_ADMIN)
    return (worker.user_id == user.pk or _admin_of(user, worker.agency)
            or (has_role(user, CLERK) and in_scope(user, worker.region)))


@rule("housekeeping.checks.record")
def _record_checks(user, worker) -> bool:
    return has_role(user, CLERK) and (worker is None or in_scope(user, worker.region))


@rule("housekeeping.codes.recompute")
def _recompute(user, obj) -> bool:
    return has_role(user, CLERK)


@rule("housekeeping.slip.acknowledge")
def _acknowledge(user, slip) -> bool:
    return slip is not None and _admin_of(user, slip.agency)


@rule("housekeeping.watch.lift")
def _lift(user, entry) -> bool:
    return entry is not None and has_role(user, CLERK) and in_scope(user, entry.worker.region)


@rule("housekeeping.code.scan")
def _scan(user, obj) -> bool:
    return user.is_authenticated


@rule("housekeeping.code.show")
def _show(user, obj) -> bool:
    return has_role(user, WORKER)


@rule("housekeeping.customer.use")
def _customer(user, obj) -> bool:
    return has_role(user, CUSTOMER)


@rule("housekeeping.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, CLERK)
