"""Badges in the ChoiceSet colours: a member's label on its colour, with a text colour that stays readable."""

from functools import cache

from django.db import models

from zhili.core.foundation.choices import Colour


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#rrggbb``), by WCAG relative luminance."""
    value = background.lstrip("#")
    if len(value) != 6:
        return "#fff"
    try:
        channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return "#fff"
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with white: 1.05 / (L + 0.05); with black: (L + 0.05) / 0.05. Pick the larger.
    return "#fff" if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 else "#1f2329"


def _choice_sets(cls=None):
    from zhili.core.foundation.choices import ChoiceSet

    for sub in (cls or ChoiceSet).__subclasses__():
        yield sub
        yield from _choice_sets(sub)


@cache
def _choice_set_for(model: type[models.Model], field_name: str):
    """The ChoiceSet whose values and labels are exactly the field's choices (Django keeps those, not the class)."""
    field = model._meta.get_field(field_name)
    choices = {(str(value), str(label)) for value, label in (field.choices or [])}
    if not choices:
        return None
    for choice_set in _choice_sets():
        if {(member.value, str(member.label)) for member in choice_set} == choices:
            return choice_set
    return None


def badge_parts(value, obj=None, field_name: str = "") -> tuple[str, str]:
    """(label, colour) of a ChoiceSet member, or of ``obj``'s ``field_name`` (gray when it has no ChoiceSet)."""
    if obj is not None and field_name:
        raw = getattr(obj, field_name)
        choice_set = _choice_set_for(type(obj), field_name)
        if choice_set is not None and raw in choice_set.values:
            member = choice_set(raw)
            return str(member.label), member.colour
        display = getattr(obj, f"get_{field_name}_display", None)
        return (str(display()) if display else str(raw)), Colour.GRAY
    colour = getattr(value, "colour", None)
    label = getattr(value, "label", None)
    if colour and label is not None:
        return str(label), colour
    return str(value), Colour.GRAY
