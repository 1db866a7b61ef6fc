"""Forms of the 碳效码 scene: the officers' filters and the period to evaluate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CarbonLevel, Grade, ResultStatus


class ResultFilterForm(forms.Form):
    """Filters of the officers' list of enterprise results."""

    period = forms.CharField(label=_("评价期"), required=False, max_length=7)
    grade = forms.ChoiceField(label=_("碳效等级"), required=False, choices=[("", _("全部"))] + Grade.choices)
    level = forms.ChoiceField(label=_("碳效水平"), required=False, choices=[("", _("全部"))] + CarbonLevel.choices)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部"))] + ResultStatus.choices)
    industry = forms.CharField(label=_("行业大类"), required=False, max_length=5)
    q = forms.CharField(label=_("企业名称或信用代码"), required=False, max_length=50)


class EvaluateForm(forms.Form):
    """The period an officer evaluates: a year (2025) or a month (2025-06)."""

    period = forms.CharField(label=_("评价期（年或年-月）"), max_length=7)
