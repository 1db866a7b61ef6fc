"""Where a contract stands in the signing journey: whose turn it is, which steps a person has done."""




from ..choices import (
    ContractStatus,
    SigningOrder,
)
from ..models import (
    IntentConfirmation,
    LaborContract,
    SigningStep,
)


def signing_order(contract: LaborContract) -> str:
    version = contract.template_version
    return version.signing_order if version is not None else SigningOrder.WORKER_FIRST


def worker_may_sign_status(contract: LaborContract) -> str:
    """The status in which the worker signs: sent (worker first) or employer_signed (employer first)."""
    return ContractStatus.SENT if signing_order(contract) == SigningOrder.WORKER_FIRST else ContractStatus.EMPLOYER_SIGNED


def employer_may_seal_status(contract: LaborContract) -> str:
    return ContractStatus.WORKER_SIGNED if signing_order(contract) == SigningOrder.WORKER_FIRST else ContractStatus.SENT


def steps_done(contract: LaborContract, user) -> dict[str, SigningStep]:
    """The worker's recorded steps for this contract, newest of each kind."""
    found: dict[str, SigningStep] = {}
    for step in SigningStep.objects.filter(contract=contract, user=user).order_by("id"):
        found[step.kind] = step
    return found


def open_intent(contract: LaborContract, user) -> IntentConfirmation | None:
    return (IntentConfirmation.objects.filter(contract=contract, user=user, role="worker", consumed_at__isnull=True)
            .order_by("-id").first())
