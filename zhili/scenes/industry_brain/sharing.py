"""The 童装产业大脑 scene offers a firm's credit profile for sharing: a bank reads it under the firm's grant."""

import hashlib
import json

from zhili.core.sharing.api import DocumentStatus, DocumentType, SharedField

from .models import CreditProfile


def _owner(profile):
    from .credit import firm_owner

    return firm_owner(profile.firm)


def _owned_by(user):
    from zhili.core.identity.api import organizations_of

    from .roles import FIRM_ROLES

    return CreditProfile.objects.filter(firm__organization_id__in=organizations_of(user, *FIRM_ROLES))


def _read(profile) -> dict:
    return {"firm_name": profile.firm.organization.name, "uscc": profile.firm.organization.uscc,
            "score": str(profile.score), "grade": profile.grade, "factors": profile.factors,
            "entries": profile.entries, "computed_on": profile.computed_on.isoformat()}


def _status(profile) -> DocumentStatus:
    digest = hashlib.sha256(json.dumps(_read(profile), sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return DocumentStatus(sha256=digest, signatures_valid=None, current=True, state_label=profile.grade)


DOCUMENT_TYPES = [
    DocumentType(
        code="industry_brain.credit",
        name="童装企业信用画像",
        model=CreditProfile,
        owner=_owner,
        owned_by=_owned_by,
        fields=(SharedField("firm_name", "企业名称"), SharedField("uscc", "统一社会信用代码"),
                SharedField("score", "信用分"), SharedField("grade", "信用等级"), SharedField("factors", "评分因素"),
                SharedField("entries", "账本记录数"), SharedField("computed_on", "计算日期")),
        read_fields=_read,
        status=_status,
        region=lambda profile: profile.firm.region,
        describe=lambda profile: f"{profile.firm.organization.name} 信用画像",
        events=("industry_brain.credit.computed",),
        event_id_key="profile_id",
        related=("firm__organization", "firm__region"),
    ),
]
