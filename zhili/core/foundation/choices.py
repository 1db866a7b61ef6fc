"""Choice sets whose members carry a Chinese label and a display colour."""

import enum

from django.db import models

ChoicesType = type(models.TextChoices)


class ChoiceSetType(ChoicesType):
    """Accept members written as ``value, label, colour`` and keep the colour beside Django's label."""

    def __new__(metacls, classname, bases, classdict, **kwds):
        colours = {}
        for key in list(classdict._member_names):
            value = classdict[key]
            if isinstance(value, tuple) and len(value) == 3:
                colours[key] = value[2]
                dict.__setitem__(classdict, key, (value[0], value[1]))
        cls = super().__new__(metacls, classname, bases, classdict, **kwds)
        for member in cls:
            member._colour = colours.get(member.name, "#8a8f98")
        return cls


class ChoiceSet(models.TextChoices, metaclass=ChoiceSetType):
    """TextChoices whose members carry a colour: ``RED = "red", _("红色预警"), "#d93026"``.

    Templates read ``member.colour`` for badges, charts and status codes; a member without one is gray.
    """

    @enum.property
    def colour(self) -> str:
        return self._colour

    @classmethod
    def colours(cls) -> dict[str, str]:
        return {member.value: member.colour for member in cls}


class Colour:
    """The palette every badge, chart and status code uses."""

    RED = "#d93026"
    ORANGE = "#f5871f"
    YELLOW = "#e6b800"
    BLUE = "#1e6fd9"
    GREEN = "#2e9d4f"
    GRAY = "#8a8f98"
