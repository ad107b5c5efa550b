"""The records this app keeps about a person (see communaute.personal_data)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communaute.models import Consent, Member, User
from communaute.personal_data import Records, register
from messagerie.models import Notification


def _notifications_of(user):
    return Notification.objects.filter(Q(recipient=user) | Q(email__iexact=user.email))


register(
    Records("user", _("Compte"), User, lambda user: User.objects.filter(pk=user.pk),
            single=True),
    Records("email_addresses", _("Adresses courriel"), EmailAddress,
            lambda user: EmailAddress.objects.filter(user=user),
            erase=lambda user: EmailAddress.objects.filter(user=user).delete()),
    Records("authenticators", _("Second facteur"), Authenticator,
            lambda user: Authenticator.objects.filter(user=user),
            erase=lambda user: Authenticator.objects.filter(user=user).delete()),
    Records("member", _("Profil de membre"), Member,
            lambda user: Member.objects.filter(user=user).select_related("region"),
            single=True),
    Records("consents", _("Consentements"), Consent,
            lambda user: Consent.objects.filter(member__user=user).select_related("recorded_by"),
            erase=lambda user: Consent.objects.filter(member__user=user).delete()),
    Records("notifications", _("Courriels"), Notification,
            lambda user: _notifications_of(user).select_related("recipient"),
            erase=lambda user: _notifications_of(user).delete()),
)
