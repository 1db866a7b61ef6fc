"""Who may do what in the 童装产业大脑 scene.

A firm's people act for their own firm only (brand: orders; factory: its parts and jobs; supplier: quotes; any
firm: material needs and designs); a worker for their own profile; the officer of the district runs dispatch and
procurement rounds and sees everything in the district; a bank reads only what a firm granted it.
"""

from zhili.core.identity.api import has_role, in_scope, organizations_of, rule

from .roles import BANK, BRAND, FACTORY, FIRM_ROLES, OFFICER, SUPPLIER, WORKER


def _member(user, firm, *roles) -> bool:
    return firm is not None and firm.organization_id in organizations_of(user, *(roles or FIRM_ROLES))


@rule("industry_brain.firm.act")
def _firm_act(user, firm) -> bool:
    return _member(user, firm)


@rule("industry_brain.order.post")
def _post(user, firm) -> bool:
    return _member(user, firm, BRAND)


@rule("industry_brain.part.respond")
def _respond(user, part) -> bool:
    return part is not None and _member(user, part.factory, FACTORY)


@rule("industry_brain.quote.submit")
def _quote(user, firm) -> bool:
    return _member(user, firm, SUPPLIER)


@rule("industry_brain.job.post")
def _job(user, firm) -> bool:
    return _member(user, firm, FACTORY)


@rule("industry_brain.worker.act")
def _worker(user, profile) -> bool:
    return has_role(user, WORKER) and (profile is None or profile.user_id == user.pk)


@rule("industry_brain.district.manage")
def _manage(user, region) -> bool:
    return has_role(user, OFFICER) and (region is None or in_scope(user, region))


@rule("industry_brain.loan.decide")
def _loan(user, bank) -> bool:
    return bank is not None and has_role(user, BANK) and bank.pk in organizations_of(user, BANK)


@rule("industry_brain.cockpit.view")
def _cockpit(user, obj) -> bool:
    return has_role(user, OFFICER)
