from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute import join_wishes
from communaute.enums import ConsentMethod, ContactChannel, InterfaceLanguage
from communaute.models import HealthTopic, Member, Region, User
from communaute.phrases import CONSENT_TEXTS
from ruisss.dates import PlausibleDatesMixin

OPTIONAL = _("Facultatif.")


def _consent_field(kind) -> forms.BooleanField:
    """A consent box: never ticked in advance, its plain-words text as its label."""
    return forms.BooleanField(required=False, initial=False, label=CONSENT_TEXTS[kind])


class RadiosWithoutPlaceholderMixin:
    """Radio lists show only real answers: a placeholder such as "---------" would be a
    pre-ticked answer that nobody chose. A question left unanswered stays blank."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = [choice for choice in field.choices if choice[0] != ""]


class HoneypotMixin(forms.Form):
    # People never see this field (hidden by CSS); robots that fill every field do.
    site_web = forms.CharField(
        required=False, label=_("Laissez ce champ vide"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("site_web")))


class AccountForm(HoneypotMixin, forms.Form):
    """Step 1. The password is hashed when the step is saved, never kept in clear."""

    email = forms.EmailField(label=_("Courriel"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Mot de passe"), strip=False,
        help_text=_("Au moins 10 caractères, pas seulement des chiffres."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Mot de passe, une deuxième fois"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    display_name = forms.CharField(
        label=_("Nom d'usage"), max_length=150,
        help_text=_("Le nom par lequel vous souhaitez être appelé(e)."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    legal_name = forms.CharField(
        label=_("Nom légal"), max_length=150,
        help_text=_("Votre prénom et votre nom, tels qu'ils figurent sur vos documents."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}))
    preferred_language = forms.ChoiceField(
        label=_("Langue de communication"), choices=InterfaceLanguage.choices,
        initial=InterfaceLanguage.FRENCH, widget=forms.RadioSelect)
    phone = forms.CharField(
        label=_("Téléphone"), max_length=30, required=False,
        help_text=_("Facultatif. Par exemple : 418 555-0123."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    contact_channel = forms.ChoiceField(
        label=_("Moyen de contact préféré"), choices=ContactChannel.choices,
        initial=ContactChannel.EMAIL, widget=forms.RadioSelect)

    def __init__(self, *args, password_kept: bool = False, user: User | None = None,
                 **kwargs):
        """`user`: an account that already exists keeps its address and password."""
        if user is not None:
            kwargs.setdefault("initial", {
                "display_name": user.display_name, "legal_name": user.legal_name,
                "preferred_language": user.preferred_language, "phone": user.phone})
        super().__init__(*args, **kwargs)
        self.password_kept = password_kept or user is not None
        if user is not None:
            for name in ("email", "password1", "password2"):
                del self.fields[name]
        elif password_kept:
            for name in ("password1", "password2"):
                self.fields[name].required = False
            self.fields["password1"].help_text = _(
                "Déjà choisi. Laissez vide pour le garder, ou écrivez-en un nouveau.")

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and not 10 <= len(digits) <= 15:
            raise forms.ValidationError(
                _("Écrivez un numéro de téléphone à 10 chiffres, par exemple 418 555-0123."))
        return phone

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 or password2 or not self.password_kept:
            if password1 and password2 and password1 != password2:
                self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
            elif password1:
                probe = User(email=cleaned.get("email", ""),
                             display_name=cleaned.get("display_name", ""),
                             legal_name=cleaned.get("legal_name", ""))
                try:
                    validate_password(password1, probe)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        if cleaned.get("contact_channel") in (ContactChannel.PHONE, ContactChannel.SMS) \
                and not cleaned.get("phone"):
            self.add_error("phone", _("Indiquez un numéro pour être joint(e) par téléphone "
                                      "ou par texto."))
        return cleaned


class WhoForm(RadiosWithoutPlaceholderMixin, forms.ModelForm):
    """Step 2: who they are."""

    class Meta:
        model = Member
        fields = ["kinds", "age_range", "region", "municipality", "languages"]
        help_texts = {"kinds": _("Cochez tout ce qui s'applique.")}
        widgets = {"age_range": forms.RadioSelect,
                   "municipality": forms.TextInput(attrs={"autocomplete": "address-level2"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(active=True)
        self.fields["region"].required = True
        self.fields["region"].empty_label = _("Choisissez votre région")


class LivedExperienceForm(forms.ModelForm):
    """Step 3: sensitive, kept only with its own consent."""

    consent_sensitive = _consent_field("sante")

    class Meta:
        model = Member
        fields = ["health_topics", "care_trajectories", "lived_experience"]
        widgets = {"health_topics": forms.CheckboxSelectMultiple}
        help_texts = {
            "health_topics": _("Facultatif. Les sujets que vous connaissez par votre vécu."),
            "care_trajectories": _("Facultatif. Par exemple : urgence, soins à domicile, "
                                   "oncologie, santé mentale jeunesse."),
            "lived_experience": _("Facultatif. Ce que vous aimeriez que la coordination sache."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["health_topics"].queryset = HealthTopic.objects.filter(active=True)
        self.order_fields(["consent_sensitive"])

    def clean(self):
        cleaned = super().clean()
        typed = cleaned.get("health_topics") or cleaned.get("care_trajectories") \
            or cleaned.get("lived_experience")
        if typed and not cleaned.get("consent_sensitive"):
            self.add_error("consent_sensitive", _(
                "Cochez cette case pour que nous gardions ces renseignements, "
                "ou laissez les champs de cette étape vides."))
        return cleaned


class WantsForm(RadiosWithoutPlaceholderMixin, forms.ModelForm):
    """Step 4: what they want."""

    class Meta:
        model = Member
        fields = ["domains", "continuum_max", "modality", "hours_per_month", "availability",
                  "max_projects", "accommodations", "wants_compensation"]
        widgets = {"continuum_max": forms.RadioSelect, "modality": forms.RadioSelect,
                   "hours_per_month": forms.NumberInput(attrs={"min": 1, "max": 80}),
                   "max_projects": forms.NumberInput(attrs={"min": 1, "max": 10}),
                   "availability": forms.TextInput}
        help_texts = {
            "domains": _("Cochez un domaine ou plus."),
            "continuum_max": _("De la moins engageante à la plus engageante : information "
                               "(être informé(e)), consultation (donner son avis), "
                               "collaboration (travailler avec l'équipe), partenariat "
                               "(décider avec elle)."),
            "availability": _("Facultatif. Par exemple : en semaine le soir, pas en juillet."),
            "accommodations": _("Facultatif. Par exemple : interprète, transport, pauses."),
        }

    def clean_hours_per_month(self):
        hours = self.cleaned_data["hours_per_month"]
        if not 1 <= hours <= 80:
            raise forms.ValidationError(_("Indiquez un nombre d'heures entre 1 et 80."))
        return hours

    def clean_max_projects(self):
        count = self.cleaned_data["max_projects"]
        if not 1 <= count <= 10:
            raise forms.ValidationError(_("Indiquez un nombre de projets entre 1 et 10."))
        return count


class ExperienceForm(RadiosWithoutPlaceholderMixin, forms.ModelForm):
    """Step 5: experience, and equity questions that are each optional."""

    class Meta:
        model = Member
        fields = ["past_involvement", "trainings_declared", "heard_about", "gender",
                  "indigenous", "racialized", "disability", "immigrant"]
        widgets = {name: forms.RadioSelect for name in
                   ["gender", "indigenous", "racialized", "disability", "immigrant"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            if not field.help_text:
                field.help_text = OPTIONAL


class ConsentsForm(HoneypotMixin, forms.Form):
    """Step 6: the other two consents, each on its own, and the optional wishes."""

    consent_matching = _consent_field("jumelage")
    consent_news = _consent_field("nouvelles")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for wish in join_wishes.wishes():
            self.fields[join_wishes.field_name(wish)] = forms.BooleanField(
                required=False, initial=False, label=wish.label, help_text=wish.help_text)

    def wishes_ticked(self) -> list[str]:
        return [wish.code for wish in join_wishes.wishes()
                if self.cleaned_data.get(join_wishes.field_name(wish))]


JOIN_STEPS = [
    ("compte", _("Votre compte"), AccountForm),
    ("qui", _("Qui vous êtes"), WhoForm),
    ("vecu", _("Votre vécu"), LivedExperienceForm),
    ("souhaits", _("Ce que vous souhaitez"), WantsForm),
    ("experience", _("Expérience et équité"), ExperienceForm),
    ("consentements", _("Consentements et envoi"), ConsentsForm),
]


class ProfileUserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "legal_name", "preferred_language", "phone"]
        widgets = {"preferred_language": forms.RadioSelect}


class ProfileMemberForm(RadiosWithoutPlaceholderMixin, forms.ModelForm):
    """The member's own profile, without the sensitive part unless consent (2) holds."""

    class Meta:
        model = Member
        fields = [*WhoForm.Meta.fields, "contact_channel", *WantsForm.Meta.fields,
                  *ExperienceForm.Meta.fields, *LivedExperienceForm.Meta.fields]
        widgets = {**WhoForm.Meta.widgets, **WantsForm.Meta.widgets,
                   **ExperienceForm.Meta.widgets, **LivedExperienceForm.Meta.widgets,
                   "contact_channel": forms.RadioSelect}

    clean_hours_per_month = WantsForm.clean_hours_per_month
    clean_max_projects = WantsForm.clean_max_projects

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(active=True)
        self.fields["region"].required = True
        self.fields["health_topics"].queryset = HealthTopic.objects.filter(active=True)
        for name in ExperienceForm.Meta.fields:
            self.fields[name].required = False
        if not self.instance.consent_sensitive:
            for name in LivedExperienceForm.Meta.fields:
                del self.fields[name]


class PauseForm(forms.Form):
    until = forms.DateField(label=_("En pause jusqu'au"),
                            widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("Vous ne recevrez aucune proposition d'ici là."))

    def clean_until(self):
        until = self.cleaned_data["until"]
        today = timezone.localdate()
        if until <= today:
            raise forms.ValidationError(_("Choisissez une date après aujourd'hui."))
        if (until - today).days > 366:
            raise forms.ValidationError(_("Choisissez une date dans les douze prochains mois."))
        return until


class ConsentChangeForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in ("jumelage", "sante", "nouvelles")],
                             widget=forms.HiddenInput)
    given = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1",
                                   widget=forms.HiddenInput)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Je comprends et je confirme."))


class ConfidentialityForm(forms.Form):
    accept = forms.BooleanField(label=CONSENT_TEXTS["confidentialite"])


class AssistedJoinForm(PlausibleDatesMixin, forms.Form):
    """A coordinator records a join on someone's behalf (phone call, helped by a relative)."""

    method = forms.ChoiceField(
        label=_("Comment la personne a-t-elle donné ses consentements?"), widget=forms.RadioSelect,
        choices=[(m.value, m.label) for m in (ConsentMethod.PHONE, ConsentMethod.ASSISTED)])
    consents_at = forms.DateTimeField(
        label=_("Date et heure des consentements"), initial=timezone.now,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    consent_matching = _consent_field("jumelage")
    consent_sensitive = _consent_field("sante")
    consent_news = _consent_field("nouvelles")

    def clean_consents_at(self):
        moment = self.cleaned_data["consents_at"]
        if moment > timezone.now():
            raise forms.ValidationError(_("Les consentements ne peuvent pas être dans le futur."))
        return moment
