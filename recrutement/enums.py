from django.db import models
from django.utils.translation import gettext_lazy as _


class EstablishmentKind(models.TextChoices):
    CISSS = "cisss", _("CISSS")
    CIUSSS = "ciusss", _("CIUSSS")
    CHU = "chu", _("CHU")
    INSTITUTE = "institut", _("Institut")
    UNIVERSITY = "universite", _("Université")
    RESEARCH_CENTRE = "centre_recherche", _("Centre de recherche")
    COMMUNITY = "communautaire", _("Organisme communautaire")
    OTHER = "autre", _("Autre")


class TeamKind(models.TextChoices):
    RESEARCH = "recherche", _("Équipe de recherche")
    CLINICAL = "clinique", _("Équipe clinique")
    PROFESSIONAL = "professionnelle", _("Équipe professionnelle")
    DECISION = "decisionnaire", _("Décisionnaires (gestion, gouvernance)")


class TeamStatus(models.TextChoices):
    PENDING = "en_verification", _("En vérification")
    VERIFIED = "verifiee", _("Vérifiée")
    REFUSED = "refusee", _("Refusée")


class ProjectStatus(models.TextChoices):
    DRAFT = "brouillon", _("Brouillon")
    SUBMITTED = "soumis", _("Soumis")
    RETURNED = "retourne", _("Retourné à l'équipe")
    PUBLISHED = "publie", _("Publié")
    RECRUITING = "en_recrutement", _("En recrutement")
    FILLED = "comble", _("Comblé")
    CLOSED = "ferme", _("Fermé")
    CANCELLED = "annule", _("Annulé")


class Compensation(models.TextChoices):
    NONE = "aucune", _("Aucune")
    STIPEND = "forfait", _("Montant forfaitaire")
    HOURLY = "horaire", _("Taux horaire")
    EXPENSES = "frais", _("Remboursement des frais")


class MatchRequestStatus(models.TextChoices):
    OPEN = "ouverte", _("Ouverte")
    FILLED = "comblee", _("Comblée")
    CLOSED = "fermee", _("Fermée")
