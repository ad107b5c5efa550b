from django import forms
from django.utils.translation import gettext_lazy as _


class AcceptForm(forms.Form):
    confidentialite = forms.BooleanField(
        label=_("Je m'engage à garder confidentiels les renseignements dont je prendrai "
                "connaissance dans ce projet."),
        required=False)

    def __init__(self, *args, needs_confidentiality: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_confidentiality:
            self.fields["confidentialite"].required = True
            self.fields["confidentialite"].error_messages["required"] = _(
                "Pour accepter, prenez l'engagement à la confidentialité.")
        else:
            del self.fields["confidentialite"]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison (facultatif)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seule la coordination la lira; l'équipe ne voit pas votre nom."))


class ObservationForm(forms.Form):
    message = forms.CharField(
        label=_("Votre observation"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Par exemple : un renseignement inexact, ou une raison de ne plus vous "
                    "proposer ce type de projet."))


class ApproveForm(forms.Form):
    members = forms.TypedMultipleChoiceField(coerce=int, label=_("Personnes à inviter"),
                                             error_messages={"required": _(
                                                 "Choisissez au moins une personne.")})

    def __init__(self, *args, member_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [(pk, pk) for pk in member_ids]
