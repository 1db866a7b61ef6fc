"""Forms of the 云调解室 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhili.core.orgs.api import Region

from .choices import ClaimKind, DisputeType, Side

CLAIM_ROWS = 3


class ApplicationForm(forms.Form):
    """One application: the parties, the dispute, up to three claimed items."""

    region = forms.ModelChoiceField(label=_("争议发生地（区县）"), queryset=Region.objects.filter(level="county").order_by("code"))
    applicant_side = forms.ChoiceField(label=_("申请方"), choices=Side.choices, initial=Side.WORKER)
    worker_name = forms.CharField(label=_("劳动者姓名"), max_length=50)
    worker_phone = forms.CharField(label=_("劳动者手机号"), max_length=11)
    employer_name = forms.CharField(label=_("用人单位名称"), max_length=200)
    employer_uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    employer_phone = forms.CharField(label=_("用人单位联系电话（手机）"), max_length=11)
    dispute_type = forms.ChoiceField(label=_("争议类型"), choices=DisputeType.choices)
    facts = forms.CharField(label=_("事实与理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(CLAIM_ROWS):
            self.fields[f"claim_kind_{i}"] = forms.ChoiceField(
                label=_("请求事项 {n}").format(n=i + 1), required=i == 0,
                choices=[("", "—")] + list(ClaimKind.choices))
            self.fields[f"claim_amount_{i}"] = forms.DecimalField(
                label=_("金额（元）"), required=i == 0, max_digits=12, decimal_places=2)

    def claims(self) -> list[dict]:
        rows = []
        for i in range(CLAIM_ROWS):
            kind, amount = self.cleaned_data.get(f"claim_kind_{i}"), self.cleaned_data.get(f"claim_amount_{i}")
            if kind or amount:
                rows.append({"kind": kind or "", "amount": amount})
        return rows

    def service_values(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("region", "applicant_side", "worker_name", "worker_phone",
                                                  "employer_name", "employer_uscc", "employer_phone",
                                                  "dispute_type", "facts")}
        return {**data, "claims": self.claims()}


class RealNameForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18)
