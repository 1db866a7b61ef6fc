"""The document types every installed app declares in its ``sharing.py`` module."""

from zhili.core.foundation.registry import Registry

from .declarations import DocumentType

document_types = Registry("sharing document types")


def register_module(module, *, scene: str = "") -> list[DocumentType]:
    """Register every DocumentType in ``module.DOCUMENT_TYPES``; registering the same one twice is harmless."""
    registered = []
    for document_type in getattr(module, "DOCUMENT_TYPES", ()):
        if scene and not document_type.scene:
            object.__setattr__(document_type, "scene", scene)
        registered.append(document_types.register(document_type.code, document_type))
    return registered


def get_document_type(code: str) -> DocumentType | None:
    return document_types.get(code)
