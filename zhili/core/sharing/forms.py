import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import queries


class GrantForm(forms.Form):
    """The worker's consent for one document: the matter, the party, the fields, the PDF, until when."""

    matter = forms.ModelChoiceField(label=_("办理事项"), queryset=None, to_field_name="code",
                                    empty_label=_("请选择事项"))
    party = forms.ModelChoiceField(label=_("授权给"), queryset=None, empty_label=_("请选择部门或银行"))
    fields = forms.MultipleChoiceField(label=_("可查看的字段"), required=False, widget=forms.CheckboxSelectMultiple,
                                       help_text=_("不勾选则只授权该事项所需的最少字段"))
    include_pdf = forms.BooleanField(label=_("同时提供合同原件 PDF"), required=False)
    expires_on = forms.DateField(label=_("有效期至"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, document_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.document_type = document_type
        self.fields["matter"].queryset = queries.matters_for(document_type.code)
        self.fields["party"].queryset = queries.shareable_parties()
        self.fields["fields"].choices = [(f.code, f.label) for f in document_type.fields]
        if document_type.pdf is None:
            del self.fields["include_pdf"]
        if not self.is_bound:
            self.initial.setdefault("expires_on", timezone.localdate() + dt.timedelta(days=30))

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("有效期至：不能早于今天"))
        return value

    def expires_at(self) -> dt.datetime:
        """The end of the chosen day, Beijing time."""
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))
