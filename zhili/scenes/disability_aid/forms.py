"""Forms of the 智慧助残 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Category, Grade, Source, SuspectStatus

DATE = forms.DateInput(attrs={"type": "date"})
CATEGORY_CHOICES = [("", _("请选择"))] + list(Category.choices)


class SuspectFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + list(SuspectStatus.choices),
                               required=False)
    source = forms.ChoiceField(label=_("线索来源"), choices=[("", _("全部"))] + list(Source.choices), required=False)
    found_from = forms.DateField(label=_("发现日期自"), required=False, widget=DATE)
    found_to = forms.DateField(label=_("至"), required=False, widget=DATE)
    q = forms.CharField(label=_("人员编码"), max_length=20, required=False)


class VisitForm(forms.Form):
    """What the worker records at the home: notes, the person's consent and, with it, the ID card's name and number."""

    notes = forms.CharField(label=_("核查记录"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    observed_category = forms.ChoiceField(label=_("初步判断类别"), choices=CATEGORY_CHOICES, required=False)
    wishes_to_apply = forms.TypedChoiceField(
        label=_("本人（监护人）是否同意申请评残"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("同意申请")), ("no", _("不申请"))])
    name = forms.CharField(label=_("姓名（按身份证）"), max_length=50, required=False)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    latitude = forms.DecimalField(label=_("纬度"), required=False, widget=forms.HiddenInput)
    longitude = forms.DecimalField(label=_("经度"), required=False, widget=forms.HiddenInput)


class ApplicationForm(forms.Form):
    category = forms.ChoiceField(label=_("申请评定类别"), choices=CATEGORY_CHOICES)


class AssessmentForm(forms.Form):
    disabled = forms.TypedChoiceField(label=_("评定结论"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                      choices=[("yes", _("符合残疾标准")), ("no", _("未达残疾标准"))])
    category = forms.ChoiceField(label=_("评定类别"), choices=CATEGORY_CHOICES, required=False)
    grade = forms.ChoiceField(label=_("评定等级"), choices=[("", _("请选择"))] + list(Grade.choices), required=False)
    assessed_on = forms.DateField(label=_("评定日期"), widget=DATE)
    assessor = forms.CharField(label=_("评定医师"), max_length=50, required=False)
    note = forms.CharField(label=_("评定意见"), max_length=500, required=False)


class RunForm(forms.Form):
    month = forms.DateField(label=_("发放月份（该月 1 日）"), widget=DATE)
