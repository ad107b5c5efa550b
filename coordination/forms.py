from django import forms
from django.utils.translation import gettext_lazy as _

from communaute.models import Region
from coordination.indicators import Period
from ruisss.dates import PlausibleDatesMixin


class IndicatorFilterForm(PlausibleDatesMixin, forms.Form):
    start = forms.DateField(label=_("Du"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Au"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.ModelChoiceField(label=_("Région"), queryset=Region.objects.all(),
                                    required=False, empty_label=_("Toutes les régions"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("La fin de la période doit suivre son début."))
        return cleaned

    def period(self) -> Period:
        default = Period.last_months(12)
        data = self.cleaned_data if self.is_valid() else {}
        return Period(start=data.get("start") or default.start, end=data.get("end") or default.end)

    def selected_region(self):
        return self.cleaned_data.get("region") if self.is_valid() else None
