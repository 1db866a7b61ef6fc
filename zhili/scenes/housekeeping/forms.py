"""Forms of the 浙里好家政 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import BackgroundCheck, CodeColour, Language, RatingTarget, SeekerCategory, ServiceKind

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


class RequestForm(forms.Form):
    """A customer's request; the address is theirs unless they give another with its located point."""

    service = forms.ChoiceField(label=_("服务项目"), choices=ServiceKind.choices)
    starts_at = forms.DateTimeField(label=_("上门时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    hours = forms.DecimalField(label=_("服务时长（小时）"), max_digits=5, decimal_places=1, min_value=0.5)
    budget_per_hour = forms.DecimalField(label=_("每小时预算（元）"), max_digits=8, decimal_places=2, required=False)
    languages = forms.MultipleChoiceField(label=_("语言偏好"), choices=Language.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class RatingForm(forms.Form):
    target = forms.ChoiceField(label=_("评价对象"), choices=RatingTarget.choices)
    stars = forms.TypedChoiceField(label=_("评分"), coerce=int, choices=[(i, "★" * i) for i in range(5, 0, -1)])
    comment = forms.CharField(label=_("评语"), max_length=300, required=False)


class SeekerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    phone = forms.CharField(label=_("手机号码"), max_length=11)
    category = forms.ChoiceField(label=_("类别"), choices=SeekerCategory.choices)
    consent = forms.BooleanField(label=_("本人已同意接收就业信息"), required=False)
