"""Who may do what in the 安薪在线 scene.

The housing-construction officer registers projects in their region; officers of both departments see the
projects of their region. The general contractor's labour manager (a member of the GC) runs the project's money,
roster and payments; a subcontractor's team lead (a member of the subcontractor) keeps attendance and prepares the
wage sheets of that subcontractor's teams; a worker answers their own wage lines.
"""

from zhili.core.identity.api import Role, has_role, in_scope, organizations_of, rule

from .roles import CONTRACTOR, HOUSING, HRSS, OFFICERS, TEAM_LEAD


def is_officer_for(user, project) -> bool:
    return has_role(user, *OFFICERS, Role.PLATFORM_ADMIN) and in_scope(user, project.region)


def is_contractor_of(user, project) -> bool:
    return project.general_contractor_id in organizations_of(user, CONTRACTOR)


def leads_team(user, team) -> bool:
    if is_contractor_of(user, team.project):
        return True
    if team.subcontract_id is None:
        return False
    return team.subcontract.contractor_id in organizations_of(user, TEAM_LEAD)


@rule("wage_guard.project.register")
def _register(user, region) -> bool:
    return has_role(user, HOUSING, Role.PLATFORM_ADMIN) and (region is None or in_scope(user, region))


@rule("wage_guard.project.view")
def _view(user, project) -> bool:
    if project is None:
        return has_role(user, *OFFICERS, CONTRACTOR, TEAM_LEAD, Role.PLATFORM_ADMIN)
    if is_officer_for(user, project) or is_contractor_of(user, project):
        return True
    leads = organizations_of(user, TEAM_LEAD)
    return bool(leads) and project.subcontracts.filter(contractor_id__in=leads).exists()


@rule("wage_guard.project.manage")
def _manage(user, project) -> bool:
    return project is not None and is_contractor_of(user, project)


@rule("wage_guard.team.keep")
def _keep(user, team) -> bool:
    return team is not None and leads_team(user, team)


@rule("wage_guard.line.answer")
def _answer(user, line) -> bool:
    return line is not None and line.entry.worker_id == user.pk


@rule("wage_guard.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, *OFFICERS, Role.PLATFORM_ADMIN)


@rule("wage_guard.credit.rate")
def _rate(user, organization) -> bool:
    return has_role(user, HRSS, Role.PLATFORM_ADMIN) and (organization is None or in_scope(user, organization.region))


@rule("wage_guard.credit.blacklist")
def _blacklist(user, organization) -> bool:
    return has_role(user, HRSS, Role.PLATFORM_ADMIN) and (organization is None or in_scope(user, organization.region))


@rule("wage_guard.complaint.file")
def _complain(user, project) -> bool:
    return has_role(user, Role.WORKER)


@rule("wage_guard.credit.report")
def _credit_report(user, organization) -> bool:
    """An enterprise's credit report: officers of its region, and its own labour manager or team lead."""
    if organization is None:
        return has_role(user, *OFFICERS, CONTRACTOR, TEAM_LEAD, Role.PLATFORM_ADMIN)
    if has_role(user, *OFFICERS, Role.PLATFORM_ADMIN) and in_scope(user, organization.region):
        return True
    return organization.pk in organizations_of(user, CONTRACTOR) or organization.pk in organizations_of(user, TEAM_LEAD)


@rule("wage_guard.deposit.release")
def _release(user, project) -> bool:
    """The HR bureau of the project's region returns the guarantee deposit."""
    return has_role(user, HRSS, Role.PLATFORM_ADMIN) and (project is None or in_scope(user, project.region))
