"""The records this app keeps about a person (see communaute.personal_data).

E-mails are deleted with the account: those sent to the person, and those sent to
someone else about them (`Notification.about`: their observation sent to the
coordinators, their answer sent to a team). The log of the coordinators' accesses to
the person's data stays, pointing to the anonymised profile: it holds no text.
"""

from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communaute.models import AccessRecord, Consent, Member, User
from communaute.personal_data import Records, register
from messagerie.models import Notification


def _notifications_to(user):
    return Notification.objects.filter(Q(recipient=user) | Q(email__iexact=user.email))


def _notifications_about(user):
    return Notification.objects.filter(about=user)


register(
    Records("user", _("Compte"), User, lambda user: User.objects.filter(pk=user.pk),
            single=True),
    Records("email_addresses", _("Adresses courriel"), EmailAddress,
            lambda user: EmailAddress.objects.filter(user=user),
            erase=lambda user: EmailAddress.objects.filter(user=user).delete()),
    Records("email_confirmations", _("Confirmations d'adresse courriel"), EmailConfirmation,
            lambda user: EmailConfirmation.objects.filter(email_address__user=user),
            erase=lambda user: EmailConfirmation.objects.filter(
                email_address__user=user).delete(),
            withheld=frozenset({"key"})),
    Records("authenticators", _("Second facteur"), Authenticator,
            lambda user: Authenticator.objects.filter(user=user),
            erase=lambda user: Authenticator.objects.filter(user=user).delete(),
            withheld=frozenset({"data"})),
    Records("member", _("Profil de membre"), Member,
            lambda user: Member.objects.filter(user=user).select_related("region"),
            single=True),
    Records("consents", _("Consentements"), Consent,
            lambda user: Consent.objects.filter(member__user=user).select_related("recorded_by"),
            erase=lambda user: Consent.objects.filter(member__user=user).delete()),
    Records("access_records", _("Consultations de votre dossier par la coordination"),
            AccessRecord,
            lambda user: AccessRecord.objects.filter(member__user=user)
            .select_related("by", "member__user")),
    Records("notifications", _("Courriels"), Notification,
            lambda user: _notifications_to(user).select_related("recipient", "about"),
            erase=lambda user: _notifications_to(user).delete()),
    Records("notifications_about", _("Courriels à votre sujet envoyés à d'autres"),
            Notification, lambda user: _notifications_about(user).select_related("about"),
            erase=lambda user: _notifications_about(user).delete(),
            withheld=frozenset({"email", "recipient"})),
)
