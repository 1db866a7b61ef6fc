"""Forms of the 劳务派遣监管 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CreditGrade, HoursCycle, HoursKind, InsuranceStatus, PostNature, Verdict

DATE = forms.DateInput(attrs={"type": "date"})


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=200)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    licence_no = forms.CharField(label=_("许可证编号"), max_length=40)
    licence_issued_on = forms.DateField(label=_("发证日期"), widget=DATE)
    registered_capital = forms.DecimalField(label=_("注册资本（元）"), max_digits=14, decimal_places=2)
    premises = forms.CharField(label=_("经营场所"), max_length=255)
    branches = forms.IntegerField(label=_("分支机构数"), min_value=0, initial=0)


class WorkerForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
    host_uscc = forms.CharField(label=_("用工单位统一社会信用代码"), max_length=18)
    host_name = forms.CharField(label=_("用工单位名称"), max_length=200, required=False)
    post = forms.CharField(label=_("岗位"), max_length=100)
    post_nature = forms.ChoiceField(label=_("岗位性质"), choices=PostNature.choices)
    work_region_code = forms.CharField(label=_("工作地区划代码"), max_length=12)
    dispatch_start = forms.DateField(label=_("派遣开始日期"), widget=DATE)
    dispatch_end = forms.DateField(label=_("派遣结束日期"), widget=DATE)
    contract_start = forms.DateField(label=_("劳动合同开始日期"), widget=DATE)
    contract_end = forms.DateField(label=_("劳动合同结束日期"), widget=DATE)
    monthly_wage = forms.DecimalField(label=_("月工资（元）"), max_digits=10, decimal_places=2)
    insurance_region_code = forms.CharField(label=_("参保地区划代码"), max_length=12)
    insurance_status = forms.ChoiceField(label=_("参保状态"), choices=InsuranceStatus.choices)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("派遣名册（XLSX 或 CSV，首行为表头）"))


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("报告年度"))
    revenue = forms.DecimalField(label=_("营业收入（元）"), max_digits=14, decimal_places=2)
    audit_attached = forms.BooleanField(label=_("附上年度财务审计报告"), required=False)
    dispatched_total = forms.IntegerField(label=_("被派遣劳动者人数"), min_value=0)
    temporary_count = forms.IntegerField(label=_("其中临时性岗位"), min_value=0)
    auxiliary_count = forms.IntegerField(label=_("其中辅助性岗位"), min_value=0)
    substitute_count = forms.IntegerField(label=_("其中替代性岗位"), min_value=0)
    contracts_signed = forms.IntegerField(label=_("订立劳动合同人数"), min_value=0)
    union_members = forms.IntegerField(label=_("参加工会人数"), min_value=0)
    wages_paid = forms.DecimalField(label=_("支付劳动报酬总额（元）"), max_digits=14, decimal_places=2)
    insured_count = forms.IntegerField(label=_("参加社会保险人数"), min_value=0)
    insurance_paid = forms.DecimalField(label=_("缴纳社会保险费（元）"), max_digits=14, decimal_places=2)
    hosts_count = forms.IntegerField(label=_("用工单位数"), min_value=0)
    agreements_count = forms.IntegerField(label=_("劳务派遣协议份数"), min_value=0)
    branches_count = forms.IntegerField(label=_("分支机构数"), min_value=0)


class VerifyForm(forms.Form):
    verdict = forms.ChoiceField(label=_("核验结论"), choices=Verdict.choices)
    reasons = forms.CharField(label=_("结论理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label=_("信用等级"), choices=CreditGrade.choices)
    year = forms.IntegerField(label=_("评价年度"))


class HoursForm(forms.Form):
    kind = forms.ChoiceField(label=_("工时制度"), choices=HoursKind.choices)
    cycle = forms.ChoiceField(label=_("综合计算周期"), choices=[("", "—"), *HoursCycle.choices], required=False)
    posts = forms.CharField(label=_("实行岗位"), max_length=300)
    workers = forms.IntegerField(label=_("涉及人数"), min_value=0)
    period_start = forms.DateField(label=_("实行期间自"), widget=DATE)
    period_end = forms.DateField(label=_("实行期间至"), widget=DATE)
    arrangement = forms.CharField(label=_("工作时间与休息安排"), widget=forms.Textarea(attrs={"rows": 3}))


class LicenceChangeForm(forms.Form):
    new_name = forms.CharField(label=_("变更后名称"), max_length=200, required=False)
    new_legal_representative = forms.CharField(label=_("变更后法定代表人"), max_length=50, required=False)
    new_premises = forms.CharField(label=_("变更后住所（经营场所）"), max_length=255, required=False)
    new_capital = forms.DecimalField(label=_("变更后注册资本（元）"), max_digits=14, decimal_places=2, required=False)
    explanation = forms.CharField(label=_("变更事由"), max_length=500)
