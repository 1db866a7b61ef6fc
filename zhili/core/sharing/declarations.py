"""What a scene declares to offer its documents for sharing (共享互认): a ``DocumentType`` per kind.

A scene lists its types in ``<scene>/sharing.py`` as ``DOCUMENT_TYPES = [DocumentType(...)]``; core.sharing
imports that module at start-up. The functions receive a document (an instance of ``model``) and return plain
values, so that core.sharing never needs to know a scene's models.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SharedField:
    """One field a party may be granted: a code used in grants and API responses, and its Chinese label."""

    code: str
    label: str


@dataclass(frozen=True)
class DocumentStatus:
    """What the verification endpoint tells a holder: the registered digest, signature validity, currency."""

    sha256: str
    signatures_valid: bool | None
    current: bool
    state_label: str = ""


@dataclass(frozen=True)
class DocumentType:
    """A kind of document a scene offers for sharing.

    - ``owner(document)``: the person (a User) the document belongs to, who alone may grant access;
    - ``owned_by(user)``: a queryset of the documents that person owns (for the grant form);
    - ``fields`` and ``read_fields(document) -> dict``: what can be shared, with labels, and the values;
    - ``status(document) -> DocumentStatus``: digest, signatures valid, not rescinded;
    - ``region(document)``: the orgs.Region whose inspectors may read it on a legal basis;
    - ``pdf(document) -> bytes | None`` (optional) and ``find_by_sha256(hex) -> document | None`` (optional);
    - ``events`` and ``event_id_key``: the events that change a document's state and the payload key that
      holds the document id, so that webhook deliveries can be tied to a document and its grants;
    - ``related``: the relations ``read_fields`` follows (``select_related`` paths), loaded in the same query
      as the document so that a party's read costs one query for the document, whatever it reads;
    - ``load_for_reading(object_id) -> document | None`` (optional): the document with just what
      ``read_fields`` reads, for a party's read (the hot path: e.g. one hand-written statement instead of the
      ORM's full select); it may raise ValueError or TypeError for a malformed id. Without it, ``get``.
    """

    code: str
    name: str
    model: Any
    owner: Callable[[Any], Any]
    owned_by: Callable[[Any], Any]
    fields: tuple[SharedField, ...]
    read_fields: Callable[[Any], dict]
    status: Callable[[Any], DocumentStatus]
    region: Callable[[Any], Any]
    pdf: Callable[[Any], bytes | None] | None = None
    find_by_sha256: Callable[[str], Any] | None = None
    describe: Callable[[Any], str] = str
    events: tuple[str, ...] = ()
    event_id_key: str = "document_id"
    related: tuple[str, ...] = ()
    load_for_reading: Callable[[Any], Any] | None = None
    scene: str = field(default="", compare=False)

    @property
    def field_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.fields)

    def label_of(self, code: str) -> str:
        return next((f.label for f in self.fields if f.code == code), code)

    def get(self, object_id) -> Any:
        """The document with primary key ``object_id``, or None (also for a malformed id)."""
        try:
            found = self.model._default_manager.select_related(*self.related).filter(pk=object_id).order_by()[:1]
            return next(iter(found), None)
        except (ValueError, TypeError):
            return None

    def get_for_reading(self, object_id) -> Any:
        """The document to pass to ``read_fields`` (and nothing else), or None: ``load_for_reading`` if declared."""
        if self.load_for_reading is None:
            return self.get(object_id)
        try:
            return self.load_for_reading(object_id)
        except (ValueError, TypeError):
            return None


@dataclass(frozen=True)
class DataScope:
    """A named set of an organisation's data that it may grant another organisation to read (数据授权范围).

    An organisation's grant (``OrgGrant``) names a scope and a ``subject`` inside it (e.g. the periods ``"2025"``);
    the reader then receives ``read(organization, subject) -> dict`` of exactly ``fields``, and nothing else.

    - ``consent(grantor, grantee, subject) -> str``: the text the grantor's administrator is shown and agrees to,
      kept with the grant word for word;
    - ``check_subject(grantor, subject) -> str``: the subject as stored (normalised), or raises ValueError with a
      message naming the rule (e.g. "评价期须为年份");
    - ``max_days``: the longest a grant of this scope may run.
    """

    code: str
    name: str
    fields: tuple[SharedField, ...]
    read: Callable[[Any, str], dict]
    consent: Callable[[Any, Any, str], str]
    check_subject: Callable[[Any, str], str] = lambda grantor, subject: str(subject)
    max_days: int = 365
    scene: str = field(default="", compare=False)

    @property
    def field_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.fields)

    def label_of(self, code: str) -> str:
        return next((f.label for f in self.fields if f.code == code), code)
