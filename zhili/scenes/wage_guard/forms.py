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


class RosterForm(forms.Form):
    """进场实名登记: what ``services.register_worker`` checks (ID number, age, bank card, badge) is checked there."""

    team = forms.ModelChoiceField(label=_("班组"), queryset=None)
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    phone = forms.CharField(label=_("手机号码"), max_length=11, required=False)
    badge = forms.CharField(label=_("考勤工号"), max_length=20)
    trade = forms.CharField(label=_("工种"), max_length=50)
    daily_rate = forms.DecimalField(label=_("约定日工资（元）"), max_digits=8, decimal_places=2, min_value=0)
    bank_name = forms.CharField(label=_("开户银行"), max_length=100)
    bank_card = forms.CharField(label=_("工资卡号"), max_length=23)
    entered_on = forms.DateField(label=_("进场日期"))
    contract_reference = forms.CharField(label=_("劳动合同编号"), max_length=64, required=False,
                                         help_text=_("没有劳动合同的，工人可在手机上申请签订"))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
