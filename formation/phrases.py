"""Messages shown to people about their trainings, in one place so wording stays consistent."""

from django.utils.translation import gettext_lazy as _

from communaute.enums import Audience

COURSE_WITHDRAWN = _("Cette formation n'est plus offerte : l'inscription est impossible.")
OTHER_AUDIENCE = {
    Audience.MEMBERS: _("Cette formation s'adresse aux membres de la communauté "
                        "(citoyen(ne)s, patient(e)s, proches aidant(e)s)."),
    Audience.TEAMS: _("Cette formation s'adresse aux équipes de recherche, cliniques ou "
                      "professionnelles."),
}
DEADLINE_PASSED = _("La date limite d'inscription à cette séance est passée.")
ALREADY_ENROLLED = _("Vous avez déjà une demande d'inscription à cette séance.")
NOT_CANCELLABLE = _("Cette inscription n'est plus active : il n'y a rien à annuler.")
SESSION_STARTED = _("La séance est commencée ou terminée : l'inscription ne peut plus être "
                    "annulée.")
NOT_DECLARABLE = _("Seules les formations offertes à son rythme peuvent être déclarées "
                   "terminées.")
ALREADY_DECLARED = _("Cette formation figure déjà parmi vos formations complétées.")
ENROLLED = _("Votre inscription est confirmée. Un courriel avec l'invitation de calendrier "
             "vous a été envoyé.")
WAITING = _("La séance est complète : vous êtes sur la liste d'attente, en position %(position)s. "
            "Nous vous écrirons si une place se libère.")
CANCELLED = _("Votre inscription est annulée.")
DECLARED = _("Merci! Votre formation est déclarée terminée; la coordination la confirmera.")
