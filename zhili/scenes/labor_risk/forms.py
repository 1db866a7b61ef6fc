"""The warning list's filter bar: level, town (by name, from the person's own regions) and industry as dropdowns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhili.core.indicators.api import Level
from zhili.core.ui.api import industry_choices, region_choices

from .queries import WARNING_LEVELS


class WarningFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("预警等级"), required=False)
    region = forms.ChoiceField(label=_("镇街"), required=False)
    industry = forms.ChoiceField(label=_("行业门类"), required=False)

    def __init__(self, data=None, *, user):
        super().__init__(data)
        everything = [("", _("全部"))]
        self.fields["level"].choices = everything + [(v, Level(v).label) for v in WARNING_LEVELS]
        self.fields["region"].choices = everything + region_choices(user)
        self.fields["industry"].choices = everything + industry_choices()

    def filters(self) -> dict:
        """The valid filters; a value outside the dropdowns is dropped (the list shows unfiltered), never an error."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or "" for name in self.fields}
