from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute.enums import InterfaceLanguage
from communaute.forms import HoneypotMixin
from communaute.models import HealthTopic, Region
from formation.models import Course
from recrutement.continuum import planned_step
from recrutement.enums import EstablishmentKind, TeamKind
from recrutement.models import Establishment, MatchRequest, Project, Team
from ruisss.dates import PlausibleDatesMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TeamSignupForm(HoneypotMixin, forms.Form):
    display_name = forms.CharField(label=_("Votre nom"), max_length=150,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    role_title = forms.CharField(label=_("Votre rôle dans l'équipe"), max_length=150,
                                 help_text=_("Par exemple : chercheuse principale, "
                                             "gestionnaire, infirmier clinicien."))
    email = forms.EmailField(label=_("Courriel"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Téléphone (facultatif)"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"type": "tel",
                                                          "autocomplete": "tel"}))
    preferred_language = forms.ChoiceField(label=_("Langue de communication"),
                                           choices=InterfaceLanguage.choices,
                                           initial=InterfaceLanguage.FRENCH)
    password = forms.CharField(
        label=_("Mot de passe"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 10 caractères; évitez un mot de passe courant."))
    team_name = forms.CharField(label=_("Nom de l'équipe"), max_length=200)
    team_kind = forms.ChoiceField(label=_("Type d'équipe"), choices=TeamKind.choices)
    establishment = forms.ModelChoiceField(
        label=_("Établissement"), required=False,
        queryset=Establishment.objects.filter(active=True, verified=True),
        empty_label=_("— Mon établissement n'est pas dans la liste —"))
    new_establishment_name = forms.CharField(
        label=_("Nom de l'établissement, s'il n'est pas dans la liste"), max_length=200,
        required=False)
    new_establishment_kind = forms.ChoiceField(
        label=_("Type de cet établissement"), required=False,
        choices=[("", "—"), *EstablishmentKind.choices])

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("establishment"):
            if not cleaned.get("new_establishment_name", "").strip():
                self.add_error("new_establishment_name",
                               _("Choisissez votre établissement dans la liste ou "
                                 "écrivez son nom."))
            elif not cleaned.get("new_establishment_kind"):
                self.add_error("new_establishment_kind",
                               _("Indiquez le type de l'établissement."))
        return cleaned


class ProjectForm(PlausibleDatesMixin, forms.ModelForm):
    extra_courses = forms.ModelMultipleChoiceField(
        label=_("Autres formations exigées"), required=False,
        queryset=Course.objects.requirable(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Les formations exigées pour l'étape du continuum choisie sont "
                    "ajoutées d'office."))

    class Meta:
        model = Project
        fields = [
            "title", "summary", "description", "written_in", "main_domain", "other_domains",
            "continuum_step", "org_level", "kinds_sought", "health_topics", "people_sought",
            "regions", "modality", "languages", "hours_per_month", "duration", "starts_on",
            "ends_on", "meeting_rhythm", "compensation", "compensation_detail",
            "accommodations", "contact_name", "contact_email", "interest_deadline",
        ]
        widgets = {
            "written_in": forms.RadioSelect,
            "health_topics": forms.CheckboxSelectMultiple,
            "regions": forms.CheckboxSelectMultiple,
            "starts_on": DATE,
            "ends_on": DATE,
            "interest_deadline": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": _("Visible de tous, même sans connexion : quelques phrases."),
            "regions": _("Laissez vide si tout se fait à distance."),
        }

    M2M = ("health_topics", "regions")

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None and len(teams) > 1:
            self.fields["team"] = forms.ModelChoiceField(
                label=_("Équipe"), queryset=Team.objects.filter(pk__in=[t.pk for t in teams]))
            self.order_fields(["team"])
        self.fields["health_topics"].queryset = HealthTopic.objects.filter(active=True)
        self.fields["regions"].queryset = Region.objects.filter(active=True)
        if self.instance.pk:
            self.fields["extra_courses"].initial = list(
                self.instance.required_courses.values_list("pk", flat=True))
        if planned_step(self.instance) is not None:
            step = self.fields["continuum_step"]
            step.disabled = True
            step.help_text = _("Établie par le plan d'engagement du projet : l'étape la plus "
                               "engageante qui y est prévue.")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("La fin doit suivre le début."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items()
                if name not in (*self.M2M, "extra_courses", "team")}
        return {"data": data, "health_topics": self.cleaned_data["health_topics"],
                "regions": self.cleaned_data["regions"],
                "extra_courses": self.cleaned_data["extra_courses"]}


class MatchRequestForm(PlausibleDatesMixin, forms.ModelForm):
    class Meta:
        model = MatchRequest
        fields = ["people_count", "needed_by", "note"]
        widgets = {"needed_by": DATE}

    def clean_people_count(self):
        count = self.cleaned_data["people_count"]
        if count < 1:
            raise forms.ValidationError(_("Demandez au moins une personne."))
        return count

    def clean_needed_by(self):
        needed_by = self.cleaned_data["needed_by"]
        if needed_by < timezone.localdate():
            raise forms.ValidationError(_("Choisissez une date à venir."))
        return needed_by


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Un mot pour la coordination (facultatif)"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pourquoi ce projet vous intéresse, en quelques phrases."))


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Commentaire pour l'équipe"),
                              widget=forms.Textarea(attrs={"rows": 4}))


class TeamInviteForm(forms.Form):
    email = forms.EmailField(label=_("Courriel de la personne"))
    role_title = forms.CharField(label=_("Son rôle dans l'équipe (facultatif)"),
                                 max_length=150, required=False)


class InvitationAccountForm(forms.Form):
    display_name = forms.CharField(label=_("Votre nom"), max_length=150,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    preferred_language = forms.ChoiceField(label=_("Langue de communication"),
                                           choices=InterfaceLanguage.choices,
                                           initial=InterfaceLanguage.FRENCH)
    password = forms.CharField(
        label=_("Mot de passe"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Au moins 10 caractères; évitez un mot de passe courant."))

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class ContributionForm(forms.Form):
    outcome = forms.CharField(
        label=_("Ce que la contribution des partenaires a changé"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Par exemple : une décision prise autrement, un outil modifié, une "
                    "publication, une suite au projet. Les membres qui y ont participé le "
                    "recevront par courriel et le verront dans leur espace."))
