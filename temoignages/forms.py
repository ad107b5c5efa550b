from django import forms
from django.utils.translation import gettext_lazy as _

from temoignages.models import Story


class StoryForm(forms.ModelForm):
    class Meta:
        model = Story
        fields = ["title", "text", "domain", "anonymous", "pen_name", "publication_consent"]
        labels = {
            "anonymous": _("Publier sous un pseudonyme plutôt que sous mon nom"),
            "publication_consent": _(
                "J'accepte que ce témoignage, tel que la coordination l'aura relu, soit "
                "publié sur le site de la communauté et dans son fil d'actualité, sous mon "
                "nom ou sous mon pseudonyme. S'il contient des renseignements sur ma santé, "
                "je les ai écrits moi-même et j'accepte qu'ils soient publiés. Je peux le "
                "retirer en tout temps."),
        }
        help_texts = {
            "text": _("Racontez votre expérience avec vos mots. N'y mettez aucun "
                      "renseignement sur votre santé ou celle d'une autre personne que vous "
                      "ne souhaitez pas voir publié, ni le nom d'une autre personne."),
            "pen_name": _("Seulement si vous publiez sous un pseudonyme."),
            "publication_consent": _("Nécessaire pour soumettre; un brouillon peut être "
                                     "enregistré sans ce consentement."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}
