"""Who may do what with labor contracts: the employer's HR, the named worker, departments in their region."""

from zhili.core.identity.api import DEPARTMENT_ROLES, Role, has_role, in_scope, organizations_of, rule

EMPLOYER_ROLES = (Role.EMPLOYER_ADMIN, Role.SEAL_KEEPER)


def is_employer_admin(user, employer) -> bool:
    return employer is not None and employer.pk in organizations_of(user, Role.EMPLOYER_ADMIN)


def is_named_worker(user, contract) -> bool:
    """The logged-in person is the contract's worker: linked account, or same ID number or phone (blind index)."""
    if contract.worker_id == user.pk:
        return True
    id_index = getattr(user, "id_number_index", "")
    phone_index = getattr(user, "phone_index", "")
    return bool((id_index and id_index == contract.worker_id_number_index)
                or (phone_index and phone_index == contract.worker_phone_index))


@rule("labor_contract.contract.create")
def can_create(user, employer) -> bool:
    return is_employer_admin(user, employer)


@rule("labor_contract.batch.import")
def can_import(user, employer) -> bool:
    return is_employer_admin(user, employer)


@rule("labor_contract.contract.send")
def can_send(user, contract) -> bool:
    return contract is not None and is_employer_admin(user, contract.employer)


@rule("labor_contract.contract.revoke")
def can_revoke(user, contract) -> bool:
    return contract is not None and is_employer_admin(user, contract.employer)


@rule("labor_contract.contract.view")
def can_view(user, contract) -> bool:
    if contract is None:
        return False
    if is_named_worker(user, contract):  # first: it needs no query (the worker's own pages)
        return True
    if contract.employer_id in organizations_of(user, *EMPLOYER_ROLES):
        return True
    return has_role(user, *DEPARTMENT_ROLES) and in_scope(user, contract.employer.region)


@rule("labor_contract.region.supervise")
def can_supervise(user, obj=None) -> bool:
    return has_role(user, *DEPARTMENT_ROLES)


@rule("labor_contract.deadlines.check")
def can_check_deadlines(user, obj=None) -> bool:
    return has_role(user, Role.OFFICER)


def keeps_the_seal(user, employer) -> bool:
    """An active employer administrator or seal keeper of ``employer`` (who may use its seal certificate)."""
    return employer is not None and employer.pk in organizations_of(user, *EMPLOYER_ROLES)


def is_contract_phone(user, contract) -> bool:
    """The logged-in phone is the worker phone the contract names (blind index), the only phone that may sign."""
    phone_index = getattr(user, "phone_index", "")
    return bool(phone_index) and phone_index == contract.worker_phone_index


@rule("labor_contract.contract.sign")
def can_sign(user, contract) -> bool:
    return contract is not None and is_contract_phone(user, contract)


@rule("labor_contract.contract.seal")
def can_seal(user, contract) -> bool:
    return contract is not None and keeps_the_seal(user, contract.employer)


@rule("labor_contract.seal.manage")
def can_manage_seal(user, employer) -> bool:
    return keeps_the_seal(user, employer)
