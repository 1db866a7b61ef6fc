"""What other packages and scenes may call in the policy engine."""

from .batch import BatchResult, batch_query, evaluate_batch
from .choices import BenefitKind, BenefitPeriod, Eligibility, OwnerKind
from .declarations import Benefit, Condition, Fact, Parameter, ParameterValue, Policy, PolicyPackError, Value
from .domains import Domain, build_domain
from .evaluation import Decision, decide, decide_all, money
from .queries import current_domain
from .registry import domains, get_domain

__all__ = ["BatchResult", "Benefit", "BenefitKind", "BenefitPeriod", "Condition", "Decision", "Domain",
           "Eligibility", "Fact", "OwnerKind", "Parameter", "ParameterValue", "Policy", "PolicyPackError", "Value",
           "batch_query", "build_domain", "current_domain", "decide", "decide_all", "domains", "evaluate_batch", "get_domain",
           "money"]
