"""Forms of the 人大代表履职 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import AnswerClass, OpinionCategory, OpinionStatus, Verdict


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


class SuggestionDraftForm(forms.Form):
    deputy = forms.ModelChoiceField(label=_("以何身份提出（所属人大）"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("标题"), max_length=100)
    text = forms.CharField(label=_("建议内容（案由、依据、具体建议）"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 8}))
    cosigners = forms.ModelMultipleChoiceField(label=_("邀请附议代表（对方确认后计入）"), queryset=None, required=False)

    def __init__(self, *args, deputies, fellows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputies
        self.fields["cosigners"].queryset = fellows


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label=_("主办单位"), queryset=None)
    co_units = forms.ModelMultipleChoiceField(label=_("协办单位"), queryset=None, required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = departments
        self.fields["co_units"].queryset = departments


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("退回理由"), max_length=500)


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("延期理由（涉及面广、情况复杂）"), max_length=500)


class CohandleForm(forms.Form):
    opinion = forms.CharField(label=_("协办意见"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    answer_class = forms.ChoiceField(label=_("答复分类"), choices=AnswerClass.choices)
    answer = forms.CharField(label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    public = forms.BooleanField(label=_("答复可以公开（不涉及国家秘密、个人隐私）"), required=False)


class EvaluateForm(forms.Form):
    verdict = forms.ChoiceField(label=_("对答复的评价"), choices=Verdict.choices, widget=forms.RadioSelect)


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("进度（%）"), min_value=0, max_value=100)
    text = forms.CharField(label=_("进展情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ProjectCommentForm(forms.Form):
    text = forms.CharField(label=_("监督意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ProjectEvaluationForm(forms.Form):
    verdict = forms.ChoiceField(label=_("评估结论"), choices=Verdict.choices)
    note = forms.CharField(label=_("评估意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
