"""Forms of the 安薪在线 scene: the governance lists' filters."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DepositForm, FindingKind, ProjectStatus


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


class SpecialAccountForm(forms.Form):
    """开立工资专用账户: the bank, the account number and the payment-file layout that bank takes."""

    bank_name = forms.CharField(label=_("开户银行"), max_length=100)
    account_number = forms.CharField(label=_("账号"), max_length=34, help_text=_("只填数字，可含空格"))
    opened_on = forms.DateField(label=_("开户日期"))
    bank_layout = forms.ChoiceField(label=_("代发文件格式"), choices=(),
                                    help_text=_("开户银行接受的批量代发文件格式"))

    def __init__(self, *args, **kwargs):
        from .services.bank_layouts import layout_choices

        kwargs.setdefault("auto_id", "account_%s")  # the page holds other forms with a bank_name
        super().__init__(*args, **kwargs)
        self.fields["bank_layout"].choices = layout_choices()


class LaborCostScheduleForm(forms.Form):
    """人工费用拨付计划: one instalment a line, "date amount" (e.g. ``2026-04-01 200000``)."""

    instalments = forms.CharField(
        label=_("拨付计划"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        help_text=_("每行一期：应拨付日期 金额（元），如 2026-04-01 200000；拨付周期不超过一个月"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "schedule_%s")
        super().__init__(*args, **kwargs)

    def clean_instalments(self):
        rows, seen = [], set()
        for number, line in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            parts = line.replace(",", " ").replace("，", " ").split()
            if not parts:
                continue
            if len(parts) != 2:
                raise forms.ValidationError(_("第 {n} 行应为“日期 金额”两项").format(n=number), code="format")
            try:
                due = dt.date.fromisoformat(parts[0])
            except ValueError:
                raise forms.ValidationError(_("第 {n} 行的日期应为 YYYY-MM-DD").format(n=number), code="date") from None
            if due in seen:
                raise forms.ValidationError(_("第 {n} 行的日期 {d} 重复").format(n=number, d=due), code="duplicate")
            seen.add(due)
            rows.append((due, parts[1]))
        if not rows:
            raise forms.ValidationError(_("请至少填写一期拨付计划"), code="required")
        if len(rows) > 120:
            raise forms.ValidationError(_("一次最多填写 120 期"), code="too_many")
        return rows


class DepositLodgeForm(forms.Form):
    """存储工资保证金: the form and the day; the ratio follows from the dated rules and the GC's record on the
    platform (blacklist, arrears findings, earlier credit levels), not from what the form says."""

    form = forms.ChoiceField(label=_("保证金形式"), choices=[c for c in DepositForm.choices if c[0] != DepositForm.EXEMPT],
                             help_text=_("依规定免缴的，系统自动登记为免缴"))
    lodged_on = forms.DateField(label=_("存储日期"))
    bank_name = forms.CharField(label=_("存储银行或保函银行"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "deposit_%s")
        super().__init__(*args, **kwargs)
