from django import forms
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import check_upload_size

from .registry import datasets


class UploadForm(forms.Form):
    """Choose a dataset and a file to load."""

    dataset_code = forms.ChoiceField(label=_("数据集"))
    file = forms.FileField(label=_("文件（CSV、XLSX、JSON、JSON Lines）"), validators=[check_upload_size])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset_code"].choices = [(code, d.name) for code, d in datasets.items()]


class BatchFilterForm(forms.Form):
    """The batch list's filter bar: dataset and status as dropdowns."""

    dataset = forms.ChoiceField(label=_("数据集"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False)

    def __init__(self, *args, **kwargs):
        from .choices import BatchStatus

        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [("", _("全部"))] + [(code, d.name) for code, d in datasets.items()]
        self.fields["status"].choices = [("", _("全部"))] + list(BatchStatus.choices)

    def filters(self) -> dict:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or "" for name in self.fields}
