"""Reads about one person: what the platform holds about them (access and portability)."""

from allauth.account.models import EmailAddress
from django.db import models
from django.utils.translation import gettext_lazy as _

from communaute.models import Consent, Member, User
from formation.models import Completion, Enrolment
from jumelage.enums import EvaluationSide
from jumelage.models import Evaluation, HoursDeclaration, Notification, Pairing
from recrutement.models import TeamMembership

# Fields never shown back, even to their owner: a password hash is not information
# about the person and would only help an attacker who obtained the file.
WITHHELD_FIELDS = {"password"}


def _value(obj, field):
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    value = field.value_from_object(obj)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, dict, int, float, bool, str)) or value is None:
        return value
    return str(value)


def model_row(obj) -> dict:
    """Every field of `obj`, walked through its model's _meta so none is forgotten."""
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name not in WITHHELD_FIELDS:
            row[field.name] = _value(obj, field)
    for field in obj._meta.many_to_many:
        row[field.name] = [str(related) for related in getattr(obj, field.name).all()]
    return row


def _rows(queryset: models.QuerySet) -> list[dict]:
    return [model_row(obj) for obj in queryset]


def personal_data(user: User) -> dict:
    """Everything the platform holds about `user`, by kind of record."""
    member = Member.objects.filter(user=user).select_related("region").first()
    data = {
        "user": model_row(user),
        "email_addresses": _rows(EmailAddress.objects.filter(user=user)),
        "member": model_row(member) if member else None,
        "consents": _rows(member.consents.select_related("recorded_by")) if member else [],
        "pairings": _rows(Pairing.objects.filter(member__user=user)
                          .select_related("project", "member__user", "match_request",
                                          "approved_by")),
        "hours": _rows(HoursDeclaration.objects.filter(pairing__member__user=user)
                       .select_related("pairing__member__user", "pairing__project",
                                       "confirmed_by")),
        "evaluations": _rows(Evaluation.objects.filter(pairing__member__user=user,
                                                       side=EvaluationSide.MEMBER)
                             .select_related("pairing__member__user", "pairing__project",
                                             "submitted_by")),
        "enrolments": _rows(Enrolment.objects.filter(user=user)
                            .select_related("session__course", "user")),
        "completions": _rows(Completion.objects.filter(user=user)
                             .select_related("course", "user", "confirmed_by")),
        "notifications": _rows(Notification.objects.filter(recipient=user)
                               .select_related("recipient")),
        "team_memberships": _rows(TeamMembership.objects.filter(user=user)
                                  .select_related("team", "user")),
    }
    return data


def field_labels(model) -> dict[str, str]:
    return {f.name: str(getattr(f, "verbose_name", f.name)) for f in model._meta.get_fields()
            if hasattr(f, "verbose_name")}


SECTIONS = [
    ("user", User, _("Compte")),
    ("email_addresses", EmailAddress, _("Adresses courriel")),
    ("member", Member, _("Profil de membre")),
    ("consents", Consent, _("Consentements")),
    ("pairings", Pairing, _("Jumelages")),
    ("hours", HoursDeclaration, _("Heures déclarées")),
    ("evaluations", Evaluation, _("Questionnaires de fin d'engagement")),
    ("enrolments", Enrolment, _("Inscriptions aux formations")),
    ("completions", Completion, _("Formations complétées")),
    ("notifications", Notification, _("Courriels")),
    ("team_memberships", TeamMembership, _("Équipes")),
]


def personal_data_sections(data: dict) -> list[dict]:
    """The same data, labelled for the readable page."""
    sections = []
    for key, model, title in SECTIONS:
        rows = data[key]
        rows = [rows] if isinstance(rows, dict) else (rows or [])
        labels = field_labels(model)
        sections.append({
            "key": key, "title": str(title),
            "rows": [[(labels.get(name, name), value) for name, value in row.items()]
                     for row in rows],
        })
    return sections
