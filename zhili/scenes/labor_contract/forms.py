"""Forms of the HR pages: one contract, an upload, a revocation, list filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import check_upload_size

from .choices import ContractStatus, TerminationReason, TermType, WorkingHourSystem

DATE = forms.DateInput(attrs={"type": "date"})


class ContractForm(forms.Form):
    """One contract's terms; the legal checks run in ``services.create_contract`` and come back per field."""

    worker_name = forms.CharField(label=_("劳动者姓名"), max_length=50)
    worker_id_number = forms.CharField(label=_("身份证号码"), max_length=30)
    worker_phone = forms.CharField(label=_("手机号码"), max_length=20)
    worker_address = forms.CharField(label=_("住址"), max_length=255, required=False)
    job_title = forms.CharField(label=_("工作岗位"), max_length=100)
    work_place = forms.CharField(label=_("工作地点"), max_length=255)
    term_type = forms.ChoiceField(label=_("合同期限类型"), choices=TermType.choices)
    start_date = forms.DateField(label=_("合同开始日期"), widget=DATE)
    end_date = forms.DateField(label=_("合同终止日期"), required=False, widget=DATE)
    task_description = forms.CharField(label=_("工作任务（以完成一定工作任务为期限时）"), max_length=255, required=False)
    probation_months = forms.IntegerField(label=_("试用期（月）"), min_value=0, max_value=6, initial=0)
    working_hour_system = forms.ChoiceField(label=_("工时制度"), choices=WorkingHourSystem.choices)
    monthly_wage = forms.DecimalField(label=_("月工资（元）"), max_digits=10, decimal_places=2, min_value=0)
    probation_wage = forms.DecimalField(label=_("试用期月工资（元）"), max_digits=10, decimal_places=2, min_value=0,
                                        required=False)
    host_employer_name = forms.CharField(label=_("用工单位（劳务派遣时填写）"), max_length=200, required=False)
    dispatch_post = forms.CharField(label=_("派遣岗位"), max_length=100, required=False)
    dispatch_start = forms.DateField(label=_("派遣期限开始"), required=False, widget=DATE)
    dispatch_end = forms.DateField(label=_("派遣期限结束"), required=False, widget=DATE)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("劳动者名单（.xlsx 或 .csv）"), validators=[check_upload_size])
    scans = forms.FileField(label=_("纸质合同扫描件（可选，.zip，按「扫描件文件名」列匹配）"), required=False,
                            validators=[check_upload_size])


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=500, required=False)


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + list(ContractStatus.choices), required=False)
    date_from = forms.DateField(label=_("开始日期自"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("至"), required=False, widget=DATE)
    q = forms.CharField(label=_("姓名 / 编号 / 岗位"), max_length=50, required=False)


class RealNameForm(forms.Form):
    """The worker's name and ID number, checked against the contract and the person's record."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=30,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}))


class DisclosureForm(forms.Form):
    acknowledged = forms.BooleanField(label=_("我已阅读并知悉以上签署须知"),
                                      error_messages={"required": _("签署须知：请勾选确认已阅读")})


class IntentForm(forms.Form):
    document_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agree = forms.BooleanField(label=_("我已阅读全部条款，确认签署本劳动合同"),
                               error_messages={"required": _("签署意愿：请勾选确认后再继续")})


class SignatureForm(forms.Form):
    """A drawn signature (PNG data URL from the canvas) or the typed name; exactly one of them."""

    signature = forms.CharField(widget=forms.HiddenInput, required=False, max_length=450_000)
    typed_name = forms.CharField(label=_("或输入您的姓名"), max_length=50, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("拒签理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class SealUploadForm(forms.Form):
    image = forms.FileField(label=_("印章图片（透明背景 PNG，不超过 512 KB）"))


class SealForm(forms.Form):
    """The seal's spot picked by dragging on the preview (PDF points), and the confirmation to apply it."""

    x = forms.DecimalField(widget=forms.HiddenInput, max_digits=7, decimal_places=2)
    y = forms.DecimalField(widget=forms.HiddenInput, max_digits=7, decimal_places=2)
    size = forms.DecimalField(widget=forms.HiddenInput, max_digits=6, decimal_places=2, initial=120)
    confirm = forms.BooleanField(label=_("我受本单位授权，确认以本单位名义加盖电子印章"), required=False)


class RenewForm(forms.Form):
    """A renewal's new term and pay; the other terms are copied from the contract renewed."""

    term_type = forms.ChoiceField(label=_("合同期限类型"), choices=TermType.choices)
    start_date = forms.DateField(label=_("合同开始日期"), widget=DATE)
    end_date = forms.DateField(label=_("合同终止日期"), required=False, widget=DATE)
    monthly_wage = forms.DecimalField(label=_("月工资（元）"), max_digits=10, decimal_places=2, min_value=0)


class AmendForm(forms.Form):
    """The terms a supplementary agreement changes; an empty field keeps the contract's term."""

    job_title = forms.CharField(label=_("工作岗位"), max_length=100, required=False)
    work_place = forms.CharField(label=_("工作地点"), max_length=255, required=False)
    working_hour_system = forms.ChoiceField(label=_("工时制度"), choices=[("", "—"), *WorkingHourSystem.choices],
                                            required=False)
    monthly_wage = forms.DecimalField(label=_("月工资（元）"), max_digits=10, decimal_places=2, min_value=0,
                                      required=False)
    end_date = forms.DateField(label=_("合同终止日期"), required=False, widget=DATE)
    effective_on = forms.DateField(label=_("变更生效日期"), widget=DATE)

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "effective_on" and v not in (None, "")}


class TerminateForm(forms.Form):
    """Why and when a contract ends; the certificate of Art. 50 is issued with the employer's seal."""

    reason = forms.ChoiceField(label=_("解除或终止原因"), choices=TerminationReason.choices)
    ended_on = forms.DateField(label=_("解除或终止日期"), widget=DATE)
    notice_given_on = forms.DateField(label=_("书面通知日期（无过失性辞退须提前三十日书面通知）"), widget=DATE, required=False)
    pay_in_lieu = forms.BooleanField(label=_("不提前通知，额外支付劳动者一个月工资（代通知金）"), required=False)
    protections = forms.MultipleChoiceField(label=_("劳动者属于以下情形（《劳动合同法》第四十二条，不得依照第四十条、第四十一条解除）"),
                                            widget=forms.CheckboxSelectMultiple, required=False)
    no_protection = forms.BooleanField(label=_("确认劳动者不属于上述任何情形（无过失性辞退、经济性裁员时须确认）"), required=False)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)
    confirm = forms.BooleanField(label=_("确认以本单位名义出具解除或终止劳动合同证明并加盖电子印章"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        from .rules import value_on

        self.fields["protections"].choices = [
            (code, f"{label}（{reference}）")
            for code, (label, reference) in value_on("dismissal_protections", timezone.localdate()).value.items()]
