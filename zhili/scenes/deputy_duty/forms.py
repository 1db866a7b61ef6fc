"""Forms of the 人大代表履职 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import (
    ActivityKind,
    AnswerClass,
    DutyKind,
    MotionDecision,
    OpinionCategory,
    OpinionStatus,
    ProposalKind,
    Verdict,
)


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
    kind = forms.ChoiceField(label=_("类别"), choices=ProposalKind.choices, initial=ProposalKind.SUGGESTION,
                             help_text=_("议案须由本级人大代表十人以上（乡镇五人以上）联名，或以代表团名义提出"))
    by_delegation = forms.BooleanField(label=_("以代表团名义提出（仅议案）"), required=False)
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


class MotionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("主席团决定"), choices=MotionDecision.choices)
    note = forms.CharField(label=_("说明（转作建议或不列入议程时必填）"), max_length=500, required=False)


class MisassignedForm(forms.Form):
    reason = forms.CharField(label=_("不属于本单位职责的理由"), max_length=500)


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


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; each is checked by the service (size, JPEG/PNG content, pixels)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("名称"), max_length=100)
    description = forms.CharField(label=_("活动内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    place = forms.CharField(label=_("地点"), max_length=200)
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DateTimeInput())


class ActivityReportForm(forms.Form):
    text = forms.CharField(label=_("活动情况"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultiplePhotoField(label=_("照片（JPEG 或 PNG，最多 6 张，每张不超过 5 MB）"), required=False)


class DutyRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("履职类型"), choices=DutyKind.choices)
    done_on = forms.DateField(label=_("履职日期"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("履职情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("内容"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    source = forms.URLField(label=_("出处链接（选填）"), required=False, assume_scheme="https")


class DraftForm(forms.Form):
    title = forms.CharField(label=_("草案名称"), max_length=100)
    text = forms.CharField(label=_("草案文本"), max_length=50000, widget=forms.Textarea(attrs={"rows": 8}))
    opens_at = forms.DateTimeField(label=_("征求意见开始"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("征求意见截止"), widget=DateTimeInput())


class DraftCommentForm(forms.Form):
    article = forms.CharField(label=_("针对条款（选填，如：第五条）"), max_length=50, required=False)
    text = forms.CharField(label=_("意见"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))


class DraftSummaryForm(forms.Form):
    summary = forms.CharField(label=_("意见采纳情况"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
