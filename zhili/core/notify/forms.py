from django import forms
from django.utils.translation import gettext_lazy as _


class OutboxFilterForm(forms.Form):
    """The demo outbox's filter: the full mobile number a message went to."""

    phone = forms.RegexField(label=_("手机号"), regex=r"^1\d{10}$", required=False, max_length=11,
                             error_messages={"invalid": _("手机号：请输入 11 位手机号码")},
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
