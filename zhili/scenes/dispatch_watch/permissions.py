"""Who may do what in the 劳务派遣监管 scene.

Officers (劳务派遣监管员) act on the agencies, hosts, reports and applications of their region's scope; an
agency's own staff (劳务派遣单位填报员, a membership in the agency's organisation) see their agency and submit its
workers and reports; an enterprise's administrator applies for special working hours for that enterprise.
"""

from zhili.core.identity.api import Role, has_role, in_scope, rule

from .roles import AGENCY, OFFICER


def agency_org_ids(user) -> set[int]:
    """The organisations (agencies) in which ``user`` is a 填报员."""
    if user is None or not user.is_authenticated:
        return set()
    return set(user.memberships.filter(is_active=True, role=AGENCY, organization__isnull=False)
               .values_list("organization_id", flat=True))


def employer_org_ids(user) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()
    return set(user.memberships.filter(is_active=True, role=Role.EMPLOYER_ADMIN, organization__isnull=False)
               .values_list("organization_id", flat=True))


def _officer_over(user, region) -> bool:
    return has_role(user, OFFICER) and (region is None or in_scope(user, region))


@rule("dispatch_watch.agency.view")
def _agency_view(user, agency) -> bool:
    if agency is None:
        return has_role(user, OFFICER, AGENCY)
    return agency.organization_id in agency_org_ids(user) or _officer_over(user, agency.region)


@rule("dispatch_watch.agency.manage")
def _agency_manage(user, obj) -> bool:
    """Register an agency in a region, change or cancel its licence, grade its credit: officers in scope."""
    region = getattr(obj, "region", obj)
    return has_role(user, OFFICER) and (obj is None or in_scope(user, region))


@rule("dispatch_watch.worker.record")
def _worker_record(user, agency) -> bool:
    return agency is not None and agency.organization_id in agency_org_ids(user)


@rule("dispatch_watch.licence.change")
def _licence_change(user, agency) -> bool:
    """Ask for a change of the licence's particulars: the agency's own 填报员."""
    return agency is not None and agency.organization_id in agency_org_ids(user)


@rule("dispatch_watch.report.submit")
def _report_submit(user, agency) -> bool:
    return agency is not None and agency.organization_id in agency_org_ids(user)


@rule("dispatch_watch.report.verify")
def _report_verify(user, report) -> bool:
    return report is not None and _officer_over(user, report.agency.region)


@rule("dispatch_watch.host.view")
def _host_view(user, host) -> bool:
    return _officer_over(user, None if host is None else host.region)


@rule("dispatch_watch.checks.run")
def _checks_run(user, obj) -> bool:
    return has_role(user, OFFICER)


@rule("dispatch_watch.hours.apply")
def _hours_apply(user, organization) -> bool:
    return organization is not None and organization.pk in employer_org_ids(user)


@rule("dispatch_watch.hours.view")
def _hours_view(user, approval) -> bool:
    if approval is None:
        return has_role(user, OFFICER) or bool(employer_org_ids(user))
    return approval.organization_id in employer_org_ids(user) or _officer_over(user, approval.region)


@rule("dispatch_watch.hours.decide")
def _hours_decide(user, approval) -> bool:
    return approval is not None and _officer_over(user, approval.region)


@rule("dispatch_watch.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, OFFICER)


def may_view_entity(user, uscc: str) -> bool:
    """The scope of the generic indicator pages for the host-check system."""
    from zhili.core.identity.api import can

    from .models import HostEmployer

    host = HostEmployer.objects.select_related("region").filter(uscc=uscc).first()
    return host is not None and can(user, "dispatch_watch.host.view", host)
