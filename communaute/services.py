from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from communaute.enums import ConsentKind, ConsentMethod, InterfaceLanguage
from communaute.models import Consent, Member, User

# The version of each consent text shown to people; bump it when a text changes, so the
# history says which wording each person agreed to.
CONSENT_TEXT_VERSIONS = {
    ConsentKind.MATCHING: "2026-11",
    ConsentKind.SENSITIVE: "2026-11",
    ConsentKind.NEWS: "2026-11",
    ConsentKind.CONFIDENTIALITY: "2026-11",
}

# Consents whose current state the matching engine and mailings read from a column.
CONSENT_FLAGS = {
    ConsentKind.MATCHING: "consent_matching",
    ConsentKind.SENSITIVE: "consent_sensitive",
    ConsentKind.NEWS: "consent_news",
}


@transaction.atomic
def account_open(
    *,
    request: HttpRequest,
    email: str,
    password: str,
    display_name: str,
    legal_name: str = "",
    preferred_language: str = InterfaceLanguage.FRENCH,
    phone: str = "",
) -> User | None:
    """Create an account that waits for its e-mail address to be confirmed.

    An address already known gets no account and the same outward answer; its owner is
    told by e-mail instead, so the form never reveals who is registered.
    """
    email = email.strip().lower()
    if (User.objects.filter(email__iexact=email).exists()
            or EmailAddress.objects.filter(email__iexact=email).exists()):
        get_adapter(request).send_account_already_exists_mail(email)
        return None
    user = User.objects.create_user(
        email=email, password=password, display_name=display_name, legal_name=legal_name,
        preferred_language=preferred_language, phone=phone,
    )
    address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    address.send_confirmation(request, signup=True)
    return user


def consent_record(
    *,
    member: Member,
    kind: str,
    given: bool,
    method: str = ConsentMethod.ONLINE,
    recorded_by: User | None = None,
) -> Consent:
    """Record a consent given or withdrawn; it takes effect at once."""
    consent = Consent.objects.create(
        member=member, kind=kind, given=given, text_version=CONSENT_TEXT_VERSIONS[kind],
        method=method, recorded_by=recorded_by, recorded_at=timezone.now(),
    )
    flag = CONSENT_FLAGS.get(kind)
    if flag and getattr(member, flag) != given:
        setattr(member, flag, given)
        member.save(update_fields=[flag])
    return consent


def has_consent(member: Member, kind: str) -> bool:
    latest = member.consents.filter(kind=kind).order_by("-recorded_at", "-pk").first()
    return bool(latest and latest.given)
