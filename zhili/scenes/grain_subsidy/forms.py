"""Forms of the 浙农补 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhili.core.ui.api import region_choices

from .choices import LandUse, LineStatus, SubsidyType, WarningColour

DATE = forms.DateInput(attrs={"type": "date"})


class PlotFilterForm(forms.Form):
    town = forms.ChoiceField(label=_("乡镇"), required=False)
    village = forms.CharField(label=_("村"), max_length=50, required=False)
    land_use = forms.ChoiceField(label=_("监测属性"), choices=[("", _("全部"))] + list(LandUse.choices), required=False)
    q = forms.CharField(label=_("地块编码 / 承包户"), max_length=50, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("全部"))] + region_choices(user, levels=("town",))


class LineFilterForm(forms.Form):
    colour = forms.ChoiceField(label=_("预警"), choices=[("", _("全部"))] + list(WarningColour.choices),
                               required=False)
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + list(LineStatus.choices), required=False)
    q = forms.CharField(label=_("地块编码 / 农户"), max_length=50, required=False)


class RoundForm(forms.Form):
    subsidy_type = forms.ChoiceField(label=_("补贴类型"), choices=SubsidyType.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("申领开始日"), widget=DATE)
    closes_on = forms.DateField(label=_("申领截止日"), widget=DATE)


class SurveyUploadForm(forms.Form):
    name = forms.CharField(label=_("监测批次"), max_length=100)
    taken_on = forms.DateField(label=_("影像日期"), widget=DATE)
    file = forms.FileField(label=_("监测结果文件（GeoJSON 或 Shapefile 压缩包）"))


class FieldCheckForm(forms.Form):
    land_use = forms.ChoiceField(label=_("实地属性"), choices=[c for c in LandUse.choices if c[0] != LandUse.UNSURVEYED])
    lon = forms.FloatField(label=_("经度"), min_value=-180, max_value=180,
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    lat = forms.FloatField(label=_("纬度"), min_value=-90, max_value=90,
                           widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    photo = forms.FileField(label=_("现场照片（JPEG 或 PNG，不超过 8 MB）"),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png",
                                                                   "capture": "environment"}))
    note = forms.CharField(label=_("核查说明"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
