"""The dummy scene offers its documents for sharing, to test core.sharing without a real scene.

DummyDocument has no person field, so the owner is named in the title: ``"<username>/<title>"``
(``make_document`` writes it). It has no file either: tests attach a real signed PDF with ``attach_pdf``.
A document in state ``"rescinded"`` is no longer current.
"""

import hashlib

from zhili.core.sharing.declarations import DataScope, DocumentStatus, DocumentType, SharedField

from .models import DummyDocument

PDFS: dict[int, bytes] = {}
EVENTS = ("dummy.document.published", "dummy.document.rescinded")


def make_document(owner, title: str, *, organization=None, state: str = "published") -> DummyDocument:
    return DummyDocument.objects.create(title=f"{owner.username}/{title}", organization=organization, state=state)


def attach_pdf(document: DummyDocument, pdf: bytes) -> None:
    PDFS[document.pk] = pdf


def _owner(document):
    from zhili.core.identity.models import User

    username = document.title.split("/", 1)[0]
    return User.objects.filter(username=username).first()


def _owned_by(user):
    return DummyDocument.objects.filter(title__startswith=f"{user.username}/").select_related("organization")


def _read(document) -> dict:
    return {
        "title": document.title.split("/", 1)[-1],
        "state": document.state,
        "organization_name": document.organization.name if document.organization_id else "",
        "owner_username": document.title.split("/", 1)[0],
    }


def _pdf(document):
    return PDFS.get(document.pk)


def _status(document) -> DocumentStatus:
    pdf = PDFS.get(document.pk)
    return DocumentStatus(sha256=hashlib.sha256(pdf).hexdigest() if pdf else "", signatures_valid=None,
                          current=document.state != "rescinded", state_label=document.state)


def _find(sha256: str):
    for pk, pdf in PDFS.items():
        if hashlib.sha256(pdf).hexdigest() == sha256:
            return DummyDocument.objects.filter(pk=pk).first()
    return None


DOCUMENT_TYPES = [
    DocumentType(
        code="dummy.document",
        name="测试文档",
        model=DummyDocument,
        owner=_owner,
        owned_by=_owned_by,
        fields=(
            SharedField("title", "标题"),
            SharedField("state", "状态"),
            SharedField("organization_name", "所属单位"),
            SharedField("owner_username", "所有人账号"),
        ),
        read_fields=_read,
        status=_status,
        region=lambda document: document.organization.region if document.organization_id else None,
        pdf=_pdf,
        find_by_sha256=_find,
        describe=lambda document: document.title.split("/", 1)[-1],
        events=EVENTS,
        event_id_key="document_id",
        related=("organization",),
    ),
]


def _check_year(organization, subject: str) -> str:
    if not (len(subject) == 4 and subject.isdigit()):
        raise ValueError("年度须为四位年份")
    return subject


def _organization_figures(organization, year: str) -> dict:
    count = DummyDocument.objects.filter(organization=organization, created_at__year=int(year)).count()
    return {"name": organization.name, "year": year, "documents": count}


# An organisation's own data it may grant another organisation (core.sharing's OrgGrant), for its tests.
DATA_SCOPES = [
    DataScope(code="dummy.organization_figures", name="测试单位年度数据",
              fields=(SharedField("name", "单位名称"), SharedField("year", "年度"), SharedField("documents", "文档数")),
              read=_organization_figures, check_subject=_check_year, max_days=30,
              consent=lambda grantor, grantee, year: f"{grantor.name} 同意 {grantee.name} 查阅本单位 {year} 年度数据。"),
]
