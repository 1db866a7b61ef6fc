"""Forms of the 人大代表履职 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import OpinionCategory, OpinionStatus, Verdict


class OpinionForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    text = forms.CharField(label=_("意见内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    contact_phone = forms.CharField(label=_("联系电话（选填）"), max_length=20, required=False)


class ProxyOpinionForm(OpinionForm):
    citizen_name = forms.CharField(label=_("提出人姓名"), max_length=50)
    field_order = ["citizen_name", "title", "text", "contact_phone"]


class GradeForm(forms.Form):
    category = forms.ChoiceField(label=_("分类"), choices=OpinionCategory.choices)
    deputy = forms.ModelChoiceField(label=_("跟踪代表"), queryset=None, required=False)
    answer = forms.CharField(label=_("当场答复（小事当场办）"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    department = forms.ModelChoiceField(label=_("交办部门"), queryset=None, required=False)

    def __init__(self, *args, deputies, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputies
        self.fields["department"].queryset = departments


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("答复内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class RateForm(forms.Form):
    verdict = forms.ChoiceField(label=_("评价"), choices=Verdict.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("评价意见（不满意时必填）"), max_length=500, required=False)


class OpinionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + list(OpinionStatus.choices),
                               required=False)
    category = forms.ChoiceField(label=_("分类"), choices=[("", _("全部"))] + list(OpinionCategory.choices),
                                 required=False)
    q = forms.CharField(label=_("标题 / 内容"), max_length=50, required=False)
