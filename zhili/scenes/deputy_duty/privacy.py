"""Personal data of third parties in an opinion's text: found before publication and masked on every public view."""

import re

from zhili.core.foundation.api import pii, validate_id_number

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def _valid_id(value: str) -> bool:
    try:
        validate_id_number(value)
    except Exception:  # noqa: BLE001 - any refusal means "not an ID number"
        return False
    return True


def personal_data_in(text: str, *, own_phone: str = "") -> list[str]:
    """The ID numbers and mobile numbers in ``text`` other than the writer's own phone (kinds, in order found)."""
    found = [f"id_number:{m.start()}" for m in ID_NUMBER.finditer(text or "") if _valid_id(m.group())]
    found += [f"mobile:{m.start()}" for m in MOBILE.finditer(text or "") if m.group() != own_phone]
    return found


def masked(text: str) -> str:
    """``text`` with every ID number and mobile number masked, as it may be shown to anyone but its writer."""
    text = ID_NUMBER.sub(lambda m: pii.mask_id_number(m.group()) if _valid_id(m.group()) else m.group(), text or "")
    return MOBILE.sub(lambda m: pii.mask_phone(m.group()), text)
