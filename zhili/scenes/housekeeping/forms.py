"""Forms of the 浙里好家政 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import BackgroundCheck, CodeColour

DATE = forms.DateInput(attrs={"type": "date"})


class WorkerFilterForm(forms.Form):
    colour = forms.ChoiceField(label=_("安心码"), choices=[("", _("全部"))] + list(CodeColour.choices), required=False)
    watch = forms.ChoiceField(label=_("重点关注"), choices=[("", _("全部")), ("1", _("在名单上"))], required=False)
    q = forms.CharField(label=_("姓名 / 安心码编号 / 机构"), max_length=50, required=False)


class ChecksForm(forms.Form):
    background_check = forms.ChoiceField(label=_("公安背景核查结论"), choices=BackgroundCheck.choices)
    health_certificate_expires = forms.DateField(label=_("健康证有效期至"), required=False, widget=DATE)
    insurance_expires = forms.DateField(label=_("从业责任保险有效期至"), required=False, widget=DATE)


class LiftForm(forms.Form):
    note = forms.CharField(label=_("移出说明"), max_length=500)
