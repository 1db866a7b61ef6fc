"""Forms of the 浙里急救 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

YES_NO = [("", "—"), ("1", _("是")), ("0", _("否"))]


class CallForm(forms.Form):
    region = forms.ChoiceField(label=_("所在县（市、区）"), required=False)
    lon = forms.CharField(required=False, widget=forms.HiddenInput)
    lat = forms.CharField(required=False, widget=forms.HiddenInput)
    accuracy_m = forms.CharField(required=False, widget=forms.HiddenInput)
    described = forms.CharField(label=_("您在哪里？（无法定位时请描述地点）"), max_length=200, required=False,
                                widget=forms.TextInput(attrs={"placeholder": _("如：五云街道新建路 12 号")}))
    complaint = forms.CharField(label=_("发生了什么？"), max_length=200, required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, r.name) for r in regions]


class TriageForm(forms.Form):
    conscious = forms.ChoiceField(label=_("患者是否清醒？"), choices=YES_NO)
    breathing = forms.ChoiceField(label=_("是否正常呼吸？"), choices=YES_NO)
    chest_pain = forms.ChoiceField(label=_("是否胸痛、胸闷？"), choices=YES_NO, required=False)
    stroke_signs = forms.ChoiceField(label=_("是否口角歪斜、一侧无力、言语不清？"), choices=YES_NO, required=False)
    trauma = forms.ChoiceField(label=_("是否外伤（车祸、坠落等）？"), choices=YES_NO, required=False)
    child = forms.ChoiceField(label=_("患者是否为 14 岁以下儿童？"), choices=YES_NO, required=False)

    def answers(self) -> dict:
        return {k: v == "1" for k, v in self.cleaned_data.items() if v != ""}


class LocateForm(forms.Form):
    lon = forms.FloatField(label=_("经度"))
    lat = forms.FloatField(label=_("纬度"))


class VitalsForm(forms.Form):
    heart_rate = forms.CharField(label=_("心率（次/分）"), required=False)
    systolic = forms.CharField(label=_("收缩压（mmHg）"), required=False)
    diastolic = forms.CharField(label=_("舒张压（mmHg）"), required=False)
    spo2 = forms.CharField(label=_("血氧饱和度（%）"), required=False)
    resp_rate = forms.CharField(label=_("呼吸（次/分）"), required=False)
    gcs = forms.CharField(label=_("GCS 评分"), required=False)
    notes = forms.CharField(label=_("病情记录"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
