from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorat.enums import Feeling
from mentorat.models import MentoringHours
from ruisss.dates import PlausibleDatesMixin


class OfferForm(forms.Form):
    capacity = forms.IntegerField(label=_("Combien de personnes à la fois, au plus?"),
                                  min_value=1, max_value=5, initial=1)
    note = forms.CharField(label=_("Ce que vous aimeriez partager (facultatif)"),
                           max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Votre parcours dans la communauté, ce qui vous a "
                                       "aidé(e) à vos débuts. La personne nouvelle le lira."))


class AskForm(forms.Form):
    note = forms.CharField(label=_("Ce que vous attendez d'une personne mentor (facultatif)"),
                           max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class HoursForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = MentoringHours
        fields = ["hours", "worked_on", "note"]
        widgets = {"worked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5"})}

    def clean_worked_on(self):
        worked_on = self.cleaned_data["worked_on"]
        if worked_on > timezone.localdate():
            raise forms.ValidationError(_("Cette date n'est pas encore arrivée."))
        return worked_on


class CheckInForm(forms.Form):
    feeling = forms.ChoiceField(label=_("Comment se passe votre mentorat?"),
                                choices=Feeling.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Un mot pour la coordination (facultatif)"),
                              max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
