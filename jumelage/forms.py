from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ruisss.dates import PlausibleDatesMixin
from ruisss.numbers import DecimalCommaField


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


class ContestForm(forms.Form):
    reason = forms.CharField(label=_("Raison de la contestation"), max_length=300)


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


class HoursForm(PlausibleDatesMixin, forms.Form):
    hours = DecimalCommaField(
        label=_("Heures"), min_value=Decimal("0.5"), max_value=Decimal("999"), decimal_places=1,
        help_text=_("Par demi-heure : 1,5 pour une heure et demie."))
    worked_on = forms.DateField(
        label=_("Date (ou fin de la période)"),
        help_text=_("Pour plusieurs rencontres, la date de la dernière."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Note (facultatif)"), required=False, max_length=300,
                           help_text=_("Par exemple : comité du 3 mars et lecture des "
                                       "documents."))
    confirm_unusual = forms.BooleanField(
        label=_("Je confirme ce nombre d'heures : il est exact, même s'il dépasse de beaucoup "
                "ce que prévoit le projet."), required=False)

    def __init__(self, *args, ask_confirmation: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked only once the hours turn out far beyond the plausible (services.hours_declare).
        if not ask_confirmation:
            del self.fields["confirm_unusual"]


SATISFACTION_CHOICES = [
    (1, _("1 — Pas du tout satisfait(e)")),
    (2, _("2 — Peu satisfait(e)")),
    (3, _("3 — Moyennement satisfait(e)")),
    (4, _("4 — Satisfait(e)")),
    (5, _("5 — Très satisfait(e)")),
]


class EvaluationForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Votre satisfaction envers cette collaboration"), choices=SATISFACTION_CHOICES,
        coerce=int, empty_value=None, required=False, widget=forms.RadioSelect)
    what_worked = forms.CharField(
        label=_("Qu'est-ce qui a bien fonctionné?"), required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}))
    effect = forms.CharField(
        label=_("Quel effet avez-vous perçu?"), required=False, max_length=3000,
        help_text=_("Sur le projet, sur les personnes, sur vous-même."),
        widget=forms.Textarea(attrs={"rows": 4}))
