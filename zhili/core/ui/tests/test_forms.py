"""{% form_fields %}: every form the same way — an error summary whose links lead to the fields, required markers,
help text tied to its field, and the browser's date picker."""

import datetime

from django import forms
from django.template import Context, Template


class ApplicationForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=10)
    start = forms.DateField(label="开始日期", help_text="合同开始履行的日期")
    note = forms.CharField(label="备注", required=False)
    agree = forms.BooleanField(label="我已阅读并同意")

    def clean(self):
        raise forms.ValidationError("申请已截止")


def render(form) -> str:
    return Template("{% load ui %}{% form_fields form %}").render(Context({"form": form}))


def test_a_blank_form_marks_required_fields_ties_help_to_its_field_and_offers_the_date_picker():
    html = render(ApplicationForm(initial={"start": datetime.date(2026, 12, 7)}))
    assert "zl-error-summary" not in html
    assert html.count('class="form-label required"') == 2  # 姓名, 开始日期; 备注 is optional
    assert '<label class="form-label" for="id_note">备注</label>' in html
    assert 'type="date" name="start" value="2026-12-07"' in html
    assert 'aria-describedby="id_start_help"' in html and '<small class="form-hint" id="id_start_help">' in html
    assert '<span class="zl-required" aria-hidden="true">*</span>' in html  # the checkbox's marker


def test_a_posted_form_lists_every_error_on_top_with_a_link_to_its_field():
    form = ApplicationForm(data={"name": "张" * 11, "start": "2026-13-01"})
    html = render(form)
    assert "请更正以下 4 处错误" in html
    assert '<li><a href="#id_name">姓名：' in html and '<li><a href="#id_start">开始日期：' in html
    assert '<li><a href="#id_agree">我已阅读并同意：' in html and "<li>申请已截止</li>" in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_start_help id_start_error"' in html
    assert 'id="id_name_error"' in html
