"""Canonical JSON for evidence records: RFC 8785 (JCS) for the types a record may hold.

Keys sorted by their UTF-16 code units, no whitespace, UTF-8, strings escaped only where JSON requires.
Floats are refused: their JCS form (ECMAScript number formatting) is a trap for a record that must hash the
same for decades; amounts go in as integers (``_fen``) or strings.
"""

import json
from typing import Any

from django.core.exceptions import ValidationError

_encode_string = json.JSONEncoder(ensure_ascii=False).encode


def _utf16_key(key: str) -> bytes:
    return key.encode("utf-16-be", "surrogatepass")


def _write(value: Any, path: str, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        if abs(value) > 2**53 - 1:
            raise ValidationError({path: "整数超出 JSON 安全范围（±2^53-1），请改用字符串"})
        out.append(str(value))
    elif isinstance(value, str):
        out.append(_encode_string(value))
    elif isinstance(value, list | tuple):
        out.append("[")
        for position, item in enumerate(value):
            if position:
                out.append(",")
            _write(item, f"{path}[{position}]", out)
        out.append("]")
    elif isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise ValidationError({path: "对象的键必须是字符串"})
        out.append("{")
        for position, key in enumerate(sorted(value, key=_utf16_key)):
            if position:
                out.append(",")
            out.append(_encode_string(key))
            out.append(":")
            _write(value[key], f"{path}.{key}", out)
        out.append("}")
    else:
        raise ValidationError(
            {path: f"不支持的取值类型 {type(value).__name__}：只允许字符串、整数、布尔值、空值、列表和对象"}
        )


def _plain(value: Any) -> bool:
    """Tell whether ``value`` holds only types whose JCS form Python's C encoder writes the same way.

    That is: no floats, integers within ±2^53-1, string keys whose code-point order is their UTF-16 order
    (no character above U+FFFF, the only case where the two orders differ).
    """
    if value is None or isinstance(value, bool | str):
        return True
    if isinstance(value, int):
        return abs(value) <= 2**53 - 1
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        keys_plain = all(isinstance(key, str) and (key.isascii() or max(key) <= "\uffff") for key in value)
        return keys_plain and all(_plain(item) for item in value.values())
    return False


def canonical_json(value: Any, *, path: str = "data") -> str:
    """Return the canonical JSON text of ``value``; raise ValidationError naming the field for a bad value."""
    if _plain(value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    out: list[str] = []
    _write(value, path, out)
    return "".join(out)
