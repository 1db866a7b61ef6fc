"""Forms of the 童装产业大脑 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Grade, Licence, Speciality


class DateInput(forms.DateInput):
    input_type = "date"


class CapacityForm(forms.Form):
    lines = forms.IntegerField(label=_("生产线（条）"), min_value=0)
    machines = forms.IntegerField(label=_("设备（台）"), min_value=0)
    skilled_workers = forms.IntegerField(label=_("熟练工（人）"), min_value=0)
    monthly_capacity = forms.IntegerField(label=_("月产能（件）"), min_value=0)


class OrderForm(forms.Form):
    style = forms.CharField(label=_("款式"), max_length=100)
    speciality = forms.ChoiceField(label=_("工艺"), choices=Speciality.choices)
    quantity = forms.IntegerField(label=_("数量（件）"))
    unit_price = forms.DecimalField(label=_("加工单价（元/件）"), max_digits=8, decimal_places=2)
    grade = forms.ChoiceField(label=_("最低质量等级"), choices=Grade.choices)
    start_date = forms.DateField(label=_("最早开工日"), widget=DateInput)
    due_date = forms.DateField(label=_("交货日期"), widget=DateInput)


class NeedForm(forms.Form):
    material = forms.CharField(label=_("面辅料规格"), max_length=100)
    colour = forms.CharField(label=_("颜色"), max_length=30)
    quantity = forms.DecimalField(label=_("数量（米）"), max_digits=12, decimal_places=1)
    needed_by = forms.DateField(label=_("需用日期"), widget=DateInput)
    own_unit_price = forms.DecimalField(label=_("自行询价单价（元/米）"), max_digits=10, decimal_places=2)


class JobForm(forms.Form):
    title = forms.CharField(label=_("岗位"), max_length=100)
    skill = forms.ChoiceField(label=_("技能"), choices=Speciality.choices)
    piece_rate = forms.DecimalField(label=_("计件单价（元/件）"), max_digits=6, decimal_places=2)
    starts = forms.DateField(label=_("开始日期"), widget=DateInput)
    ends = forms.DateField(label=_("结束日期"), widget=DateInput)
    openings = forms.IntegerField(label=_("招聘人数"))


class DesignForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=100)
    sizes = forms.CharField(label=_("尺码"), max_length=100, help_text=_("如 90/100/110/120"))
    tags = forms.CharField(label=_("标签"), max_length=200, help_text=_("以逗号分隔"))
    licence = forms.ChoiceField(label=_("许可方式"), choices=Licence.choices)
    fee = forms.DecimalField(label=_("许可费（元）"), max_digits=10, decimal_places=2, initial=0)
    private = forms.BooleanField(label=_("仅本企业可见"), required=False)
    file = forms.FileField(label=_("文件（PDF、PNG、JPG、DXF、SVG）"))


class ProfileForm(forms.Form):
    # not required here: a browser would then require every box ticked; the service asks for at least one
    skills = forms.MultipleChoiceField(label=_("技能"), choices=Speciality.choices, widget=forms.CheckboxSelectMultiple,
                                       required=False)
    piece_rate = forms.DecimalField(label=_("期望计件单价（元/件）"), max_digits=6, decimal_places=2)
    available_from = forms.DateField(label=_("可上岗日"), widget=DateInput)
    available_to = forms.DateField(label=_("可工作至"), widget=DateInput)
