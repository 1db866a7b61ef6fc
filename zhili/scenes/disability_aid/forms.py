"""Forms of the 智慧助残 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Category, EmploymentForm, Grade, Mark, QuotaStatus, ServiceKind, Source, SuspectStatus

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


# --- employment, training, quota, prevention --------------------------------------------------------------------

class SeekerForm(forms.Form):
    """The person's wish to work, and their consent to be matched (求职登记)."""

    skills = forms.CharField(label=_("技能（用顿号分隔）"), max_length=200, required=False)
    wishes = forms.CharField(label=_("求职意向"), max_length=200, required=False)
    full_time = forms.BooleanField(label=_("可以全日制工作"), required=False, initial=True)
    max_distance_km = forms.IntegerField(label=_("可接受通勤距离（公里）"), min_value=1, max_value=100, initial=10)
    latitude = forms.DecimalField(label=_("居住地纬度"), required=False, widget=forms.HiddenInput)
    longitude = forms.DecimalField(label=_("居住地经度"), required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(label=_("我同意残联将我的残疾类别、等级和技能用于岗位匹配，并推荐给用人单位"),
                                 required=False)


class PostingForm(forms.Form):
    """A vacancy for disabled persons, entered by the employment service centre."""

    organization = forms.ModelChoiceField(label=_("用人单位"), queryset=None)
    title = forms.CharField(label=_("岗位名称"), max_length=100)
    region = forms.ModelChoiceField(label=_("工作地乡镇（街道）"), queryset=None)
    latitude = forms.DecimalField(label=_("工作地纬度"), max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("工作地经度"), max_digits=9, decimal_places=6)
    positions = forms.IntegerField(label=_("招聘人数"), min_value=1, max_value=500)
    monthly_wage = forms.DecimalField(label=_("月工资（元）"), max_digits=10, decimal_places=2)
    categories = forms.MultipleChoiceField(label=_("适合的残疾类别"), choices=Category.choices,
                                           widget=forms.CheckboxSelectMultiple)
    grades = forms.MultipleChoiceField(label=_("适合的残疾等级"), choices=Grade.choices, initial=list("1234"),
                                       widget=forms.CheckboxSelectMultiple)
    skills = forms.CharField(label=_("所需技能（用顿号分隔）"), max_length=200, required=False)
    full_time = forms.BooleanField(label=_("全日制"), required=False, initial=True)
    accessible = forms.BooleanField(label=_("无障碍工作场所"), required=False)
    welfare_enterprise = forms.BooleanField(label=_("福利企业（集中就业）"), required=False)

    def __init__(self, *args, organizations, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["region"].queryset = regions

    def clean(self):
        data = super().clean()
        for name in ("categories", "grades"):
            if name in data:
                data[name] = "".join(data[name])
        return data


class DecisionForm(forms.Form):
    hired = forms.TypedChoiceField(label=_("用人单位答复"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                   choices=[("yes", _("录用")), ("no", _("未录用"))])
    on = forms.DateField(label=_("日期"), widget=DATE)


class CourseForm(forms.Form):
    title = forms.CharField(label=_("培训班名称"), max_length=100)
    provider = forms.CharField(label=_("培训机构"), max_length=100)
    skill = forms.CharField(label=_("培训技能"), max_length=20)
    region = forms.ModelChoiceField(label=_("培训地点"), queryset=None)
    starts_on = forms.DateField(label=_("开班日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结业日期"), widget=DATE)
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=200)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class EnrolForm(forms.Form):
    person = forms.CharField(label=_("人员编码"), max_length=20)


class CompletionForm(forms.Form):
    completed = forms.TypedChoiceField(label=_("培训结果"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                                       choices=[("yes", _("结业")), ("no", _("退训"))])
    on = forms.DateField(label=_("日期"), widget=DATE)


class QuotaForm(forms.Form):
    year = forms.IntegerField(label=_("审核年度"), min_value=2015, max_value=2100)


class QuotaFilterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2015, max_value=2100)
    status = forms.ChoiceField(label=_("结论"), choices=[("", _("全部"))] + list(QuotaStatus.choices), required=False)
    q = forms.CharField(label=_("单位名称"), max_length=50, required=False)


class PushForm(forms.Form):
    since = forms.DateField(label=_("鉴定日期自"), widget=DATE, required=False)
    until = forms.DateField(label=_("至"), widget=DATE)
