"""Forms behind the case pages; every error names the field and the rule in Chinese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import check_upload_size


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=2000)


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("满意度"), coerce=int,
                                    choices=[(5, _("非常满意")), (4, _("满意")), (3, _("基本满意")),
                                             (2, _("不满意")), (1, _("非常不满意"))],
                                    error_messages={"invalid_choice": _("满意度：须为 1 至 5 的整数")})
    comment = forms.CharField(label=_("评价意见"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class AttachForm(forms.Form):
    file = forms.FileField(label=_("附件"), error_messages={"required": _("附件：请选择文件")},
                           validators=[check_upload_size])


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None,
                                      error_messages={"invalid_choice": _("承办人：请从本单位工作人员中选择")})

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = candidates
