"""Forms of the 安薪在线 scene: the governance lists' filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import FindingKind, ProjectStatus


class ProjectFilterForm(forms.Form):
    """Filters of the project list: state, and a project name or permit number."""

    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部"))] + ProjectStatus.choices)
    q = forms.CharField(label=_("项目名称或施工许可证号"), required=False, max_length=50)


class FindingFilterForm(forms.Form):
    """Filters of the findings list: kind, open or all, and a project name."""

    kind = forms.ChoiceField(label=_("问题类型"), required=False, choices=[("", _("全部"))] + FindingKind.choices)
    open = forms.ChoiceField(label=_("消除情况"), required=False,
                             choices=[("1", _("未消除")), ("0", _("全部"))])
    q = forms.CharField(label=_("项目名称"), required=False, max_length=50)
