"""Forms of the 智慧助残 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Category, EmploymentForm, Grade, Mark, ServiceKind, Source, SuspectStatus

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


class ServiceForm(forms.Form):
    """A service or an assistive device on the person's profile."""

    kind = forms.ChoiceField(label=_("服务类别"), choices=ServiceKind.choices)
    provided_on = forms.DateField(label=_("服务日期"), widget=DATE)
    provider = forms.CharField(label=_("服务机构"), max_length=100)
    notes = forms.CharField(label=_("服务内容"), max_length=500)


class EmploymentRecordForm(forms.Form):
    employer = forms.CharField(label=_("就业单位"), max_length=100)
    form = forms.ChoiceField(label=_("就业形式"), choices=EmploymentForm.choices)
    since = forms.DateField(label=_("起始日期"), widget=DATE)
    until = forms.DateField(label=_("终止日期"), widget=DATE, required=False)


class SatisfactionForm(forms.Form):
    """The person's own mark (笑脸) and a comment."""

    mark = forms.ChoiceField(label=_("您对残联服务满意吗"), choices=Mark.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("意见建议"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
