"""The shared vocabulary of the community (see DOMAIN.md), used by every app.

Choices stored as bits (FlagsField) are append-only: never reorder or insert.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MemberKind(models.TextChoices):
    CITIZEN = "citoyen", _("Citoyen(ne)")
    PATIENT = "patient", _("Patient(e)")
    CAREGIVER = "proche_aidant", _("Proche aidant(e)")


class Audience(models.TextChoices):
    """Who a training or a resource is meant for."""

    MEMBERS = "membres", _("Membres (citoyen(ne)s, patient(e)s, proches aidant(e)s)")
    TEAMS = "equipes", _("Équipes")
    EVERYONE = "tous", _("Tout le monde")


class Domain(models.TextChoices):
    CARE = "soins_services", _("Soins et services")
    RESEARCH = "recherche", _("Recherche")
    GOVERNANCE = "gouvernance", _("Gouvernance")
    TEACHING = "formation_enseignement", _("Formation, information et enseignement")
    POLICY = "influence_politique", _("Influence politique")


class ContinuumStep(models.IntegerChoices):
    INFORMATION = 1, _("Information")
    CONSULTATION = 2, _("Consultation")
    COLLABORATION = 3, _("Collaboration")
    PARTNERSHIP = 4, _("Partenariat")


class OrgLevel(models.TextChoices):
    MICRO = "micro", _("Micro (soins)")
    MESO = "meso", _("Méso (programmes, services)")
    MACRO = "macro", _("Macro (gouvernance, politiques)")


class Language(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")
    SPANISH = "es", _("Espagnol")
    ARABIC = "ar", _("Arabe")
    INNU = "innu", _("Innu-aimun")
    OTHER = "autre", pgettext_lazy("language", "Autre")


class Modality(models.TextChoices):
    IN_PERSON = "presentiel", _("En personne")
    REMOTE = "distance", _("À distance")
    HYBRID = "hybride", _("Les deux (hybride)")


class MemberStatus(models.TextChoices):
    PENDING = "en_attente", _("En attente")
    ACTIVE = "actif", _("Actif")
    PAUSED = "en_pause", _("En pause")
    REFUSED = "refuse", _("Refusé")
    WITHDRAWN = "retire", _("Retiré")
    ARCHIVED = "archive", _("Archivé")

    @classmethod
    def taking_part(cls) -> tuple:
        """Statuses of people still in the community (who may say « Ça m'intéresse »)."""
        return cls.PENDING, cls.ACTIVE, cls.PAUSED


class AgeRange(models.TextChoices):
    UNDER_18 = "moins_18", _("Moins de 18 ans")
    FROM_18 = "18_29", _("18 à 29 ans")
    FROM_30 = "30_49", _("30 à 49 ans")
    FROM_50 = "50_64", _("50 à 64 ans")
    FROM_65 = "65_74", _("65 à 74 ans")
    FROM_75 = "75_plus", _("75 ans et plus")
    NO_ANSWER = "ne_repond_pas", _("Je préfère ne pas répondre")


class ContactChannel(models.TextChoices):
    EMAIL = "courriel", _("Courriel")
    PHONE = "telephone", _("Téléphone")
    SMS = "texto", _("Texto")


class InterfaceLanguage(models.TextChoices):
    FRENCH = "fr-ca", _("Français")
    ENGLISH = "en", _("English")


class ConsentKind(models.TextChoices):
    MATCHING = "jumelage", _("Utilisation du profil pour le jumelage")
    SENSITIVE = "sante", _("Renseignements de santé")
    NEWS = "nouvelles", _("Nouvelles et événements")
    CONFIDENTIALITY = "confidentialite", _("Engagement à la confidentialité")


class ConsentMethod(models.TextChoices):
    ONLINE = "en_ligne", _("En ligne, par la personne")
    PHONE = "telephone", _("Par téléphone, saisi par une coordination")
    ASSISTED = "accompagne", _("Avec l'aide d'un proche, saisi par une coordination")


class EquityAnswer(models.TextChoices):
    YES = "oui", _("Oui")
    NO = "non", _("Non")
    NO_ANSWER = "ne_repond_pas", _("Je préfère ne pas répondre")


class Gender(models.TextChoices):
    WOMAN = "femme", _("Femme")
    MAN = "homme", _("Homme")
    NON_BINARY = "non_binaire", _("Personne non binaire")
    SELF_DESCRIBED = "autre", _("Je me décris autrement")
    NO_ANSWER = "ne_repond_pas", _("Je préfère ne pas répondre")


class DeletionReason(models.TextChoices):
    REQUEST = "demande", _("À la demande de la personne")
    RETENTION = "conservation", _("Fin de la période de conservation")


class AccessAction(models.TextChoices):
    """What a coordinator did with a member's personal data in the admin."""

    VIEW = "consultation", _("Consultation de la fiche")
    EXPORT = "export", _("Export CSV")
    ASSISTED_REGISTRATION = "inscription", _("Inscription assistée")
