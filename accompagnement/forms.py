from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accompagnement.models import Phase, SupportRequest
from communaute.enums import ContinuumStep
from recrutement.models import Project, Team
from ruisss.dates import PlausibleDatesMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SupportRequestForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["kind", "project", "needs", "due_on"]
        widgets = {"kind": forms.RadioSelect, "due_on": DATE,
                   "needs": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "project": _("Facultatif : le projet que cette demande concerne."),
            "needs": _("Votre situation, ce que vous avez déjà essayé, ce que vous attendez "
                       "de la coordination."),
            "due_on": _("Facultatif."),
        }

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]
        self.fields["project"].queryset = Project.objects.filter(team__in=teams).order_by(
            "title")
        self.fields["project"].empty_label = _("— Aucun projet en particulier —")
        self.fields["needs"].max_length = 5000
        if len(teams) > 1:
            self.fields["team"] = forms.ModelChoiceField(
                label=_("Équipe"), queryset=Team.objects.filter(pk__in=[t.pk for t in teams]))
            self.order_fields(["team"])
        self.teams = teams

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError(_("Choisissez une date à venir."))
        return due_on

    def clean(self):
        cleaned = super().clean()
        team = cleaned.get("team") or (self.teams[0] if len(self.teams) == 1 else None)
        project = cleaned.get("project")
        if team and project and project.team_id != team.pk:
            self.add_error("project", _("Ce projet est celui d'une autre de vos équipes."))
        cleaned["team"] = team
        return cleaned


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Votre message"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))


class PhaseForm(forms.Form):
    """One phase of the plan; a phase without a step is one partners take no part in."""

    continuum_step = forms.TypedChoiceField(
        label=_("Étape du continuum"), coerce=int, required=False, empty_value=None,
        choices=[("", _("— Les partenaires ne participent pas à cette phase —")),
                 *ContinuumStep.choices])
    partners_role = forms.CharField(label=_("Rôle des partenaires"), required=False,
                                    max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    expected_hours = forms.DecimalField(label=_("Temps prévu (heures)"), required=False,
                                        min_value=0, max_value=999, decimal_places=1)

    def __init__(self, *args, phase: Phase, **kwargs):
        super().__init__(*args, prefix=f"phase-{phase.pk}", **kwargs)
        self.phase = phase

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("continuum_step") and not cleaned.get("partners_role", "").strip():
            self.add_error("partners_role", _("Décrivez le rôle des partenaires dans cette "
                                              "phase."))
        return cleaned

    def line(self) -> dict | None:
        step = self.cleaned_data.get("continuum_step")
        if not step:
            return None
        return {"phase": self.phase, "continuum_step": step,
                "partners_role": self.cleaned_data["partners_role"],
                "expected_hours": self.cleaned_data.get("expected_hours") or 0}


class ChangeNoteForm(forms.Form):
    change_note = forms.CharField(label=_("Ce qui a changé depuis la version précédente"),
                                  max_length=300, required=False,
                                  help_text=_("Facultatif. Les partenaires le liront."))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Votre commentaire"), max_length=3000,
                           widget=forms.Textarea(attrs={"rows": 3}))
