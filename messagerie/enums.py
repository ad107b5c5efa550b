from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ACCOUNT = "compte", _("Compte")
    MEMBER_WELCOME = "membre_bienvenue", _("Confirmation d'inscription")
    MEMBER_DIGEST = "membres_resume", _("Résumé des nouveaux membres")
    MEMBER_REFUSED = "membre_refuse", _("Inscription refusée")
    RETENTION_REMINDER = "rappel_conservation", _("Rappel avant archivage")
    INVITATION = "invitation", _("Invitation à un projet")
    INVITATION_REMINDER = "rappel_invitation", _("Rappel d'invitation")
    TEAM_ANSWER = "reponse_equipe", _("Réponse d'un membre à l'équipe")
    OBSERVATION = "observation", _("Observation d'un membre sur sa proposition")
    REQUEST_DIGEST = "demandes_resume", _("Résumé des demandes de jumelage")
    TEAM_INVITATION = "invitation_equipe", _("Invitation dans une équipe")
    PROJECT_RETURNED = "projet_retourne", _("Projet retourné à l'équipe")
    PROJECT_PUBLISHED = "projet_publie", _("Projet publié")
    ENROLMENT = "inscription_formation", _("Inscription à une formation")
    SESSION_REMINDER = "rappel_seance", _("Rappel de séance")
    WAITLIST_PROMOTED = "place_liberee", _("Place libérée")
    CONTRIBUTION = "retombees", _("Retombées d'un projet")
    HOURS_CONTESTED = "heures_contestees", _("Heures contestées par l'équipe")
    EVALUATION = "evaluation", _("Questionnaire d'évaluation")
    SENDING_FAILED = "echec_envoi", _("Courriels en échec")
    SUPPORT_RECEIVED = "soutien_recue", _("Demande de soutien reçue")
    SUPPORT_UPDATE = "soutien_suivi", _("Suivi d'une demande de soutien")
    SUPPORT_CLOSED = "soutien_fermee", _("Demande de soutien fermée")
    PLAN_SHARED = "plan_partage", _("Plan d'engagement à lire")
    PLAN_ANSWER = "plan_reponse", _("Commentaire ou accord sur un plan d'engagement")
    MENTORING_INVITATION = "mentorat_invitation", _("Proposition de mentorat")
    MENTORING_CONFIRMED = "mentorat_confirme", _("Mentorat confirmé")
    MENTORING_CHECKIN = "mentorat_bilan", _("Bilan d'un mentorat")
    ACTIVITY_REGISTRATION = "inscription_activite", _("Inscription à une activité")
    ACTIVITY_REMINDER = "rappel_activite", _("Rappel d'activité")
    ACTIVITY_PLACE = "place_activite", _("Place libérée à une activité")
    STORY_REVIEW = "temoignage", _("Réponse de la coordination à un témoignage")


class NotificationStatus(models.TextChoices):
    """Where a notification stands; read from its dates (see Notification)."""

    PENDING = "en_attente", _("En attente")
    SENT = "envoyee", _("Envoyée")
    FAILED = "echec", _("En échec")
