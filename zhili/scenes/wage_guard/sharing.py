"""The 安薪在线 scene offers an enterprise's labour-security credit rating for sharing (共享互认): the enterprise's
labour manager grants another party (a builder choosing a contractor, a bank) a time-limited read through core.sharing;
the party's reads are logged and shown to the enterprise, and a revoked or expired grant reads nothing."""

import hashlib
import json

from zhili.core.sharing.api import DocumentStatus, DocumentType, SharedField

from .models import CreditRating

MATTER = "wage_guard_credit_query"
DOCUMENT_TYPE = "wage_guard.credit"


def enterprise_owner(organization):
    """The person who acts for the enterprise in grants: its first labour manager, else its first team lead."""
    from zhili.core.identity.api import Membership

    from .roles import CONTRACTOR, TEAM_LEAD

    for role in (CONTRACTOR, TEAM_LEAD):
        found = (Membership.objects.filter(organization=organization, role=role, is_active=True)
                 .select_related("user").order_by("id").first())
        if found:
            return found.user
    return None


def _owned_by(user):
    from zhili.core.identity.api import organizations_of

    from .roles import CONTRACTOR, TEAM_LEAD

    return CreditRating.objects.filter(organization_id__in=organizations_of(user, CONTRACTOR, TEAM_LEAD))


def _read(rating) -> dict:
    basis = rating.basis or {}
    return {"enterprise": rating.organization.name, "uscc": rating.organization.uscc or "", "year": rating.year,
            "level": rating.level, "violations": basis.get("violations", 0), "findings": basis.get("findings", 0),
            "complaints": basis.get("complaints", 0), "blacklisted": bool(basis.get("blacklisted")),
            "references": list(basis.get("references", []))}


def _status(rating) -> DocumentStatus:
    digest = hashlib.sha256(json.dumps(_read(rating), sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return DocumentStatus(sha256=digest, signatures_valid=None, current=True, state_label=rating.level)


DOCUMENT_TYPES = [
    DocumentType(
        code=DOCUMENT_TYPE,
        name="劳动保障诚信等级",
        model=CreditRating,
        owner=lambda rating: enterprise_owner(rating.organization),
        owned_by=_owned_by,
        fields=(SharedField("enterprise", "企业名称"), SharedField("uscc", "统一社会信用代码"),
                SharedField("year", "评价年度"), SharedField("level", "诚信等级"),
                SharedField("violations", "违法问题次数"), SharedField("findings", "风险发现条数"),
                SharedField("complaints", "欠薪投诉件数"), SharedField("blacklisted", "是否列入失信名单"),
                SharedField("references", "评价依据")),
        read_fields=_read,
        status=_status,
        region=lambda rating: rating.organization.region,
        describe=lambda rating: f"{rating.organization.name} {rating.year} 年劳动保障诚信等级",
        events=("wage_guard.credit.rated",),
        event_id_key="rating_id",
        related=("organization", "organization__region"),
    ),
]
