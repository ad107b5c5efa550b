"""Messages shown to people about activities, in one place so wording stays consistent."""

from django.utils.translation import gettext_lazy as _

NOT_OPEN = _("Cette activité n'est plus offerte : l'inscription est impossible.")
DEADLINE_PASSED = _("La date limite d'inscription à cette activité est passée.")
ALREADY_REGISTERED = _("Vous avez déjà une demande d'inscription à cette activité.")
NOT_CANCELLABLE = _("Cette inscription n'est plus active : il n'y a rien à annuler.")
STARTED = _("L'activité est commencée ou terminée : l'inscription ne peut plus être annulée.")
REGISTERED = _("Votre inscription est confirmée. Un courriel avec l'invitation de calendrier "
               "vous a été envoyé.")
WAITING = _("L'activité est complète : vous êtes sur la liste d'attente, en position "
            "%(position)s. Nous vous écrirons si une place se libère.")
CANCELLED = _("Votre inscription est annulée.")
