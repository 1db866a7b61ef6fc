"""The document types every installed app declares in its ``sharing.py`` module."""

from zhili.core.foundation.registry import Registry

from .declarations import DataScope, DocumentType

document_types = Registry("sharing document types")
data_scopes = Registry("sharing data scopes")


def register_module(module, *, scene: str = "") -> list[DocumentType | DataScope]:
    """Register every DocumentType in ``module.DOCUMENT_TYPES`` and every DataScope in ``module.DATA_SCOPES``
    (an organisation's data it may grant another organisation, see ``services.org_grants``); registering the same
    one twice is harmless."""
    registered = []
    for scope in getattr(module, "DATA_SCOPES", ()):
        if scene and not scope.scene:
            object.__setattr__(scope, "scene", scene)
        registered.append(data_scopes.register(scope.code, scope))
    for document_type in getattr(module, "DOCUMENT_TYPES", ()):
        if scene and not document_type.scene:
            object.__setattr__(document_type, "scene", scene)
        registered.append(document_types.register(document_type.code, document_type))
    return registered


def get_document_type(code: str) -> DocumentType | None:
    return document_types.get(code)


def get_data_scope(code: str) -> DataScope | None:
    return data_scopes.get(code)
