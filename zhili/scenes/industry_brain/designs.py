"""The design library (一键设计): designs with sizes, tags and a checked file, licensed free, paid or exclusively.

A file is accepted only when its extension is an allowed type, its content starts as that type does (magic
bytes, or text for DXF/SVG) and it is within the size limit (both dated parameters). A private design is seen by
its owner's people only; anyone else gets "not found". A PNG or JPEG must also decode as a picture, whose
difference hash is kept for similarity search (``similarity.py``). AR try-on is out of scope.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from .choices import Licence
from .models import Design, DesignLicence, Firm
from .rules import rule
from .similarity import RASTER, NotAPicture, dhash

MAGIC = {"pdf": (b"%PDF-",), "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",)}


def _looks_like(kind: str, head: bytes) -> bool:
    if kind in MAGIC:
        return head.startswith(MAGIC[kind])
    text = head[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    if kind == "svg":
        return text.startswith(b"<?xml") or text.startswith(b"<svg")
    if kind == "dxf":
        return text.startswith(b"0") and b"SECTION" in text[:200]
    return False


def check_file(name: str, content: bytes) -> str:
    """The file's type if it is allowed, right for its extension and small enough; else ValidationError('file')."""
    day = timezone.localdate()
    limit, types = rule("design_max_bytes", day), rule("design_file_types", day)
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = "jpg" if kind == "jpeg" else kind
    if kind not in types.value:
        raise ValidationError({"file": _("文件类型 {kind} 不允许（允许：{types}）").format(
            kind=kind or "?", types="、".join(types.value))})
    if len(content) > limit.value:
        raise ValidationError({"file": _("文件 {size} 字节，超过上限 {limit} 字节").format(
            size=len(content), limit=limit.value)})
    if not content or not _looks_like(kind, content[:4096]):
        raise ValidationError({"file": _("文件内容与扩展名 {kind} 不符").format(kind=kind)})
    return kind


def parse_tags(tags) -> list[str]:
    if isinstance(tags, str):
        tags = tags.replace("，", ",").split(",")
    return sorted({t.strip()[:20] for t in tags if t and t.strip()})


@transaction.atomic
def add_design(*, owner: Firm, title: str, sizes: str, tags, licence: str, fee="0", private: bool, file_name: str,
               content: bytes, actor) -> Design:
    """A firm adds a design to the library."""
    require(actor, "industry_brain.firm.act", owner)
    errors: dict = {}
    if not (title or "").strip():
        errors["title"] = _("请填写名称")
    if licence not in Licence.values:
        errors["licence"] = _("许可方式无效")
    tags = parse_tags(tags)
    if not tags:
        errors["tags"] = _("请至少填写一个标签")
    image_hash = ""
    try:
        kind = check_file(file_name, content)
        if kind in RASTER:
            image_hash = dhash(content)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    except NotAPicture:
        errors["file"] = [_("图片无法解码（文件损坏或不是完整的 PNG/JPEG 图像）")]
    if errors:
        raise ValidationError(errors)
    design = Design.objects.create(owner=owner, title=title.strip()[:100], sizes=(sizes or "").strip()[:100],
                                   tags=tags, licence=licence, fee=fee or 0, private=bool(private),
                                   file_name=file_name[-200:], file_type=kind, content=content,
                                   sha256=hashlib.sha256(content).hexdigest(), image_hash=image_hash)
    audit.record("industry_brain.design.added", actor=actor, target=design,
                 data={"sha256": design.sha256, "licence": licence, "private": design.private})
    return design


@transaction.atomic
def license_design(design: Design, *, licensee: Firm, actor) -> DesignLicence:
    """Another firm takes a licence on the design's terms; an exclusive design can be licensed once."""
    require(actor, "industry_brain.firm.act", licensee)
    design = Design.objects.select_for_update().get(pk=design.pk)
    errors: dict = {}
    if design.private or design.owner_id == licensee.pk:
        errors["design"] = _("不能许可本企业或未公开的设计")
    if design.licence == Licence.EXCLUSIVE and design.licences.exists():
        errors["design"] = _("该设计已独家许可给其他企业")
    if DesignLicence.objects.filter(design=design, licensee=licensee).exists():
        errors["design"] = _("已取得该设计的许可")
    if errors:
        raise ValidationError(errors)
    granted = DesignLicence.objects.create(design=design, licensee=licensee, terms=design.licence, fee=design.fee)
    audit.record("industry_brain.design.licensed", actor=actor, target=granted,
                 data={"design": design.pk, "terms": design.licence, "fee": str(design.fee)})
    return granted
