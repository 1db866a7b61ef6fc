"""Forms of the 关键小事 scene (the services validate; a form only carries the input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DISPUTABLE_FACTS, ClaimStatus, RatingGrade


class DisputeForm(forms.Form):
    fact = forms.ChoiceField(label=_("有异议的信息"), choices=list(DISPUTABLE_FACTS.items()))
    correct_value = forms.CharField(label=_("正确的信息"), max_length=200)
    reason = forms.CharField(label=_("说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ClaimFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + list(ClaimStatus.choices), required=False)
    stop_from = forms.DateField(label=_("停保日期自"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    stop_to = forms.DateField(label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class RatingForm(forms.Form):
    grade = forms.ChoiceField(label=_("评价"), choices=RatingGrade.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("意见"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class DogLicenceForm(forms.Form):
    region = forms.ModelChoiceField(label=_("养犬地"), queryset=None)
    dog_name = forms.CharField(label=_("犬名"), max_length=40)
    breed = forms.CharField(label=_("品种"), max_length=40)
    hospital = forms.ChoiceField(label=_("预约宠物医院"), choices=())
    visit_on = forms.DateField(label=_("预约日期"))

    def __init__(self, *args, **kwargs):
        from zhili.core.orgs.api import Region

        from .catalogue import PET_HOSPITALS

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(level="county").order_by("code")
        self.fields["hospital"].choices = [(h, h) for h in PET_HOSPITALS]


class DogVisitForm(forms.Form):
    vaccine_batch = forms.CharField(label=_("狂犬疫苗批号"), max_length=40)
    chip_number = forms.CharField(label=_("芯片号"), max_length=15, help_text=_("15 位数字（ISO 11784）"))


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files under one name (Django's documented way: the widget allows many, clean checks each)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        single = super().clean
        return [single(item, initial) for item in data] if isinstance(data, (list, tuple)) else [single(data, initial)]


class FindingForm(forms.Form):
    matter = forms.ModelChoiceField(label=_("体验的事项"), queryset=None)
    happened_on = forms.DateField(label=_("体验日期"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("体验地点"), max_length=120, help_text=_("例如：千岛湖镇便民服务中心 3 号窗口"))
    description = forms.CharField(label=_("发现的问题"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("经过、等候时间、要求的材料，写清楚便于部门整改"))
    photos = MultipleImageField(label=_("照片（最多 3 张，每张不超过 5 MB）"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import Matter

        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = Matter.objects.order_by("position", "id")


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("证件照（JPEG 或 PNG，不超过 5 MB）"),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))
