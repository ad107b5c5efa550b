"""Messages shown to members about their stories, in one place."""

from django.utils.translation import gettext_lazy as _

CONSENT_NEEDED = _("Pour soumettre votre témoignage, donnez votre consentement à sa "
                   "publication.")
PEN_NAME_NEEDED = _("Choisissez un pseudonyme pour publier sans votre nom.")
NOT_EDITABLE = _("Ce témoignage est en relecture ou déjà traité : il ne peut plus être "
                 "modifié.")
NOT_UNDER_REVIEW = _("Ce témoignage n'est pas en attente de relecture.")
ALREADY_CLOSED = _("Ce témoignage est déjà retiré ou refusé.")
SAVED = _("Votre brouillon est enregistré.")
SUBMITTED = _("Merci! Votre témoignage est soumis; la coordination le relira avant de le "
              "publier.")
WITHDRAWN = _("Votre témoignage est retiré. Il n'est plus visible nulle part.")
