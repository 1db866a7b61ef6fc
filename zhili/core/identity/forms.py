from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.validators import validate_mobile


class PhoneForm(forms.Form):
    phone = forms.CharField(label=_("手机号码"), max_length=11, validators=[validate_mobile],
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel",
                                                          "placeholder": _("请输入 11 位手机号")}))


class OtpLoginForm(PhoneForm):
    code = forms.CharField(label=_("短信验证码"), min_length=6, max_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "placeholder": _("6 位验证码")}))

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise ValidationError(_("验证码应为 6 位数字"), code="otp_format")
        return code


class PasswordLoginForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class RealNameForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, min_length=18)
