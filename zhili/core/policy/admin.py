"""The admin for officer-kept policies: the same checks as the import, saved through the service."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from .models import OfficerPolicy
from .services import _parse_conditions, check_officer_policy, save_officer_policy


class OfficerPolicyForm(forms.ModelForm):
    """Conditions edited as text, one per line: ``名称：表达式（依据）``."""

    conditions_text = forms.CharField(label="条件（每行一个：名称：表达式（依据））", widget=forms.Textarea(attrs={"rows": 5}))
    materials_text = forms.CharField(label="所需材料（以、分隔）", required=False)

    class Meta:
        model = OfficerPolicy
        fields = ["domain", "code", "name", "owner", "owner_kind", "in_statute", "category", "entity", "benefit_kind",
                  "benefit_amount", "benefit_period", "benefit_description", "office", "deadline_days", "reference",
                  "effective_from", "effective_to", "description", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["conditions_text"].initial = "\n".join(
                f"{c['label']}：{c['test']}" + (f"（{c['reference']}）" if c.get("reference") else "")
                for c in self.instance.conditions)
            self.fields["materials_text"].initial = "、".join(self.instance.materials)

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["conditions"] = _parse_conditions(cleaned.get("conditions_text", ""))
        except ValueError as exc:
            raise ValidationError({"conditions_text": str(exc)}) from None
        cleaned["materials"] = [m.strip() for m in cleaned.get("materials_text", "").split("、") if m.strip()]
        row = OfficerPolicy(**{k: v for k, v in cleaned.items() if k not in ("conditions_text", "materials_text")})
        try:
            check_officer_policy(row)
        except ValidationError as exc:
            errors = {("conditions_text" if k == "conditions" else k): v for k, v in exc.message_dict.items()}
            raise ValidationError(errors) from None
        return cleaned


@admin.register(OfficerPolicy)
class OfficerPolicyAdmin(admin.ModelAdmin):
    form = OfficerPolicyForm
    list_display = ["code", "name", "domain", "owner", "owner_kind", "in_statute", "effective_from", "is_active"]
    list_filter = ["domain", "owner_kind", "in_statute", "is_active"]
    search_fields = ["code", "name", "owner"]

    def save_model(self, request, obj, form, change):
        values = {k: v for k, v in form.cleaned_data.items()
                  if k not in ("conditions_text", "materials_text", "domain", "code")}
        saved = save_officer_policy(values, actor=request.user, domain=form.cleaned_data["domain"],
                                    code=form.cleaned_data["code"])
        obj.pk = saved.pk
