"""A short structured triage: five questions give the priority (A–D) and the capability the hospital needs.

It follows the structure of MPDS (a protocol chief complaint plus a level A–E that drives the response), not its
proprietary content (scenes.md §4). The mapping is the platform's design, to be reviewed by the emergency centre's
medical director; it says so on the dispatcher's screen and in docs/scenes/emergency.md.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import Capability, Priority

QUESTIONS = ("conscious", "breathing", "chest_pain", "stroke_signs", "trauma", "child")
REQUIRED = ("conscious", "breathing")


class TriageResult(NamedTuple):
    priority: str
    capability: str
    reason: str


def triage(answers: dict) -> TriageResult:
    """``answers`` maps each question to True/False (``child``, ``trauma`` … default False)."""
    for name in REQUIRED:
        if answers.get(name) not in (True, False):
            raise ValidationError({name: _("请回答：患者是否{what}").format(
                what=_("清醒") if name == "conscious" else _("正常呼吸"))}, code="required")
    conscious, breathing = answers["conscious"], answers["breathing"]
    chest, stroke, trauma, child = (bool(answers.get(k)) for k in ("chest_pain", "stroke_signs", "trauma", "child"))
    capability = (Capability.PAEDIATRIC if child else Capability.STROKE if stroke else Capability.CHEST_PAIN if chest
                  else Capability.TRAUMA if trauma else Capability.GENERAL)
    if not breathing:
        return TriageResult(Priority.A, capability if capability != Capability.GENERAL else Capability.CHEST_PAIN,
                            _("无正常呼吸：按心脏骤停处置，指导心肺复苏并调取附近 AED"))
    if not conscious:
        return TriageResult(Priority.A, capability, _("意识不清"))
    if chest or stroke:
        return TriageResult(Priority.B, capability, _("胸痛或卒中征象：时间窗内送专科中心"))
    if trauma:
        return TriageResult(Priority.C, capability, _("清醒、呼吸正常的创伤"))
    return TriageResult(Priority.D, capability, _("清醒、呼吸正常，无高危征象"))
