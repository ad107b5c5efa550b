import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import perform_login
from allauth.core import context
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communaute import join_wishes
from communaute.enums import (
    AccessAction,
    ConsentKind,
    ConsentMethod,
    DeletionReason,
    InterfaceLanguage,
    MemberStatus,
)
from communaute.models import (
    AccessRecord,
    Consent,
    DeletionRecord,
    HealthTopic,
    Member,
    RetentionPolicy,
    User,
)
from communaute.personal_data import engaged_members, erase_everywhere, free_text_fields
from communaute.roles import COORDINATION_GROUP
from messagerie.enums import NotificationKind
from messagerie.services import notification_queue

# The version of each consent text shown to people; bump it when a text changes, so the
# history says which wording each person agreed to.
CONSENT_TEXT_VERSIONS = {
    ConsentKind.MATCHING: "2026-11",
    ConsentKind.SENSITIVE: "2026-11",
    ConsentKind.NEWS: "2026-11",
    ConsentKind.CONFIDENTIALITY: "2026-11",
}

_DELETED_NAME = _("Compte supprimé")

# Consents whose current state the matching engine and mailings read from a column.
CONSENT_FLAGS = {
    ConsentKind.MATCHING: "consent_matching",
    ConsentKind.SENSITIVE: "consent_sensitive",
    ConsentKind.NEWS: "consent_news",
    ConsentKind.CONFIDENTIALITY: "consent_confidentiality",
}


@transaction.atomic
def account_open(
    *,
    request: HttpRequest,
    email: str,
    password: str | None,
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
        # allauth builds the e-mail's links from the request of its context, which only its
        # middleware sets: the request given here is the one to use, in whatever thread.
        with context.request_context(request):
            get_adapter(request).send_account_already_exists_mail(email)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, display_name=display_name,
                legal_name=legal_name, preferred_language=preferred_language, phone=phone,
            )
    except IntegrityError:
        # The same address was being opened at the same moment, by a double click: that
        # request sends the confirmation, and this one answers as if it had.
        return None
    address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    if request.user.is_authenticated:
        # A coordinator opening an account for someone: the link logs no one in here.
        address.send_confirmation(request, signup=True)
    else:
        # allauth's own sign-up path sends the confirmation and remembers, in this
        # browser's session, who is signing up: the link, followed from this browser,
        # logs the person in and brings them to their space.
        with context.request_context(request):
            perform_login(request, user, email_verification=app_settings.EMAIL_VERIFICATION,
                          signup=True)
    return user


def consent_record(
    *,
    member: Member,
    kind: str,
    given: bool,
    method: str = ConsentMethod.ONLINE,
    recorded_by: User | None = None,
    recorded_at: datetime | None = None,
) -> Consent:
    """Record a consent given or withdrawn; it takes effect at once.

    Withdrawing the consent to sensitive information erases that information in the
    same transaction: without consent it must not be kept, not even hidden.
    """
    consent = Consent.objects.create(
        member=member, kind=kind, given=given, text_version=CONSENT_TEXT_VERSIONS[kind],
        method=method, recorded_by=recorded_by, recorded_at=recorded_at or timezone.now(),
    )
    flag = CONSENT_FLAGS.get(kind)
    if flag and getattr(member, flag) != given:
        setattr(member, flag, given)
        member.save(update_fields=[flag])
    if kind == ConsentKind.SENSITIVE and not given:
        sensitive_erase(member=member)
    return consent


def has_consent(member: Member, kind: str) -> bool:
    latest = member.consents.filter(kind=kind).order_by("-recorded_at", "-pk").first()
    return bool(latest and latest.given)


# Member fields that only exist with consent (2); health_topics is the many-to-many part.
SENSITIVE_FIELDS = ("care_trajectories", "lived_experience")

# Answers given as choices that say who the person is, erased with the account along
# with every free text field (personal_data.free_text_fields).
MEMBER_PERSONAL_CHOICES = ("gender", "indigenous", "racialized", "disability", "immigrant",
                           "age_range")


def sensitive_erase(*, member: Member) -> None:
    for field in SENSITIVE_FIELDS:
        setattr(member, field, "")
    member.save(update_fields=list(SENSITIVE_FIELDS))
    member.health_topics.clear()


def member_touch(*, user: User) -> None:
    """Any login or profile action is activity: it postpones archiving."""
    Member.objects.filter(user=user).update(last_activity_at=timezone.now(),
                                            retention_reminded_at=None)


@transaction.atomic
def member_register(
    *,
    request: HttpRequest,
    email: str,
    password_hash: str | None,
    display_name: str,
    legal_name: str,
    preferred_language: str,
    phone: str,
    profile: dict,
    health_topics: list[HealthTopic],
    consents: dict[str, bool],
    method: str = ConsentMethod.ONLINE,
    recorded_by: User | None = None,
    consents_at: datetime | None = None,
    wishes: list[str] = (),
) -> Member | None:
    """Open the account and save the whole profile and its consents, or nothing.

    `password_hash` is already hashed so the raw password never waits in a session;
    None leaves the password unusable (a coordinator registering someone by phone: the
    person sets it through "forgotten password"). None is returned for a known address,
    whose owner account_open has told by e-mail.
    """
    user = account_open(request=request, email=email, password=None, display_name=display_name,
                        legal_name=legal_name, preferred_language=preferred_language,
                        phone=phone)
    if user is None:
        return None
    if password_hash:
        user.password = password_hash
        user.save(update_fields=["password"])
    return _member_create(user=user, profile=profile, health_topics=health_topics,
                          consents=consents, method=method, recorded_by=recorded_by,
                          consents_at=consents_at, confirm_address=True, wishes=wishes)


@transaction.atomic
def member_join(
    *,
    user: User,
    display_name: str,
    legal_name: str,
    preferred_language: str,
    phone: str,
    profile: dict,
    health_topics: list[HealthTopic],
    consents: dict[str, bool],
    wishes: list[str] = (),
) -> Member:
    """An existing account (e.g. a team member who is also a patient) becomes a member.

    Its name, language and phone take the answers of the join form; the whole profile
    and its consents are saved, or nothing. The account row is locked, so a second
    submission (a double click) finds the profile the first made and changes nothing.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    existing = Member.objects.filter(user=user).first()
    if existing is not None:
        return existing
    user.display_name, user.legal_name = display_name, legal_name
    user.preferred_language, user.phone = preferred_language, phone
    user.save(update_fields=["display_name", "legal_name", "preferred_language", "phone"])
    return _member_create(user=user, profile=profile, health_topics=health_topics,
                          consents=consents, confirm_address=False, wishes=wishes)


def _member_create(*, user: User, profile: dict, health_topics: list[HealthTopic],
                   consents: dict[str, bool], method: str = ConsentMethod.ONLINE,
                   recorded_by: User | None = None,
                   consents_at: datetime | None = None,
                   confirm_address: bool, wishes: list[str] = ()) -> Member:
    sensitive = bool(consents.get(ConsentKind.SENSITIVE))
    if not sensitive:
        profile = {**profile, **dict.fromkeys(SENSITIVE_FIELDS, "")}
    member = Member(user=user, status=MemberStatus.PENDING, **profile)
    member.save()
    if sensitive:
        member.health_topics.set(health_topics)
    for kind in (ConsentKind.MATCHING, ConsentKind.SENSITIVE, ConsentKind.NEWS):
        consent_record(member=member, kind=kind, given=bool(consents.get(kind)),
                       method=method, recorded_by=recorded_by, recorded_at=consents_at)
    notification_queue(
        kind=NotificationKind.MEMBER_WELCOME, email=user.email,
        template="communaute/courriels/bienvenue",
        context={"member": member, "user": user, "confirm_address": confirm_address},
        language=user.preferred_language, recipient=user,
    )
    join_wishes.granted(member, wishes)
    return member


@transaction.atomic
def member_profile_update(
    *, member: Member, user_fields: dict, member_fields: dict,
    health_topics: list[HealthTopic] | None = None,
) -> Member:
    """Save the member's own changes; sensitive answers only while consent (2) holds."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    user = member.user
    for name, value in user_fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(user_fields))
    if not member.consent_sensitive:
        member_fields = {k: v for k, v in member_fields.items() if k not in SENSITIVE_FIELDS}
        health_topics = None
    for name, value in member_fields.items():
        setattr(member, name, value)
    member.last_activity_at = timezone.now()
    member.retention_reminded_at = None
    member.save(update_fields=[*member_fields, "last_activity_at", "retention_reminded_at"])
    if health_topics is not None:
        member.health_topics.set(health_topics)
    return member


@transaction.atomic
def member_pause(*, member: Member, until: date) -> Member:
    member.paused_until = until
    member.last_activity_at = timezone.now()
    member.save(update_fields=["paused_until", "last_activity_at"])
    return member


@transaction.atomic
def member_resume(*, member: Member) -> Member:
    member.paused_until = None
    member.last_activity_at = timezone.now()
    member.save(update_fields=["paused_until", "last_activity_at"])
    return member


@transaction.atomic
def member_withdraw(*, member: Member) -> Member:
    """Leave the community: never proposed again; the account and its data remain
    until the person deletes them."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.status = MemberStatus.WITHDRAWN
    member.save(update_fields=["status"])
    if member.consent_matching:
        consent_record(member=member, kind=ConsentKind.MATCHING, given=False)
    return member


@transaction.atomic
def member_activate(*, member: Member) -> Member:
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.status = MemberStatus.ACTIVE
    member.status_reason = ""
    member.activated_at = member.activated_at or timezone.now()
    member.save(update_fields=["status", "status_reason", "activated_at"])
    return member


@transaction.atomic
def member_suspend(*, member: Member) -> Member:
    """A coordinator pauses a member: no proposal until reactivated."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    member.status = MemberStatus.PAUSED
    member.save(update_fields=["status"])
    return member


@transaction.atomic
def member_refuse(*, member: Member, reason: str) -> Member:
    """Refuse a membership and tell the person why, by e-mail."""
    member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
    member.status = MemberStatus.REFUSED
    member.status_reason = reason
    member.save(update_fields=["status", "status_reason"])
    notification_queue(
        kind=NotificationKind.MEMBER_REFUSED, email=member.user.email,
        template="communaute/courriels/refus",
        context={"member": member, "user": member.user, "reason": reason},
        language=member.user.preferred_language, recipient=member.user,
    )
    return member


def new_members_digest_send(*, day: date) -> int:
    """E-mail each coordinator the members who joined on `day`; once per day and person.

    The e-mail names no one (kinds and regions, a link to the admin): sent to several
    coordinators about several people, it could not be erased with one person's account.
    """
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    members = list(Member.objects.filter(created_at__gte=start,
                                         created_at__lt=start + timedelta(days=1))
                   .select_related("region").order_by("created_at"))
    if not members:
        return 0
    coordinators = User.objects.filter(is_active=True, is_staff=True,
                                       groups__name=COORDINATION_GROUP).distinct()
    sent = 0
    for coordinator in coordinators:
        with transaction.atomic():
            notification_queue(
                kind=NotificationKind.MEMBER_DIGEST, email=coordinator.email,
                template="communaute/courriels/resume_membres",
                context={"members": members, "day": day, "user": coordinator},
                language=coordinator.preferred_language, recipient=coordinator,
                dedup_key=f"membres-resume-{day.isoformat()}-{coordinator.pk}",
            )
        sent += 1
    return sent


# A join form started and never sent keeps its answers, health answers included, in the
# session for this long after its last step (the privacy page says so).
JOIN_DRAFT_SESSION_KEY = "adhesion"
JOIN_DRAFT_LIFETIME = timedelta(days=7)


def join_draft_is_stale(draft: dict, *, now: datetime | None = None) -> bool:
    saved_at = draft.get("saved_at")
    return (saved_at is None
            or datetime.fromisoformat(saved_at) < (now or timezone.now()) - JOIN_DRAFT_LIFETIME)


def sessions_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Delete expired sessions, as `clearsessions` does, then the stale join drafts of the
    sessions still alive, so that no abandoned answer outlives JOIN_DRAFT_LIFETIME."""
    now = now or timezone.now()
    expired, _deleted = Session.objects.filter(expire_date__lte=now).delete()
    drafts = 0
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        data = session.get_decoded()
        draft = data.get(JOIN_DRAFT_SESSION_KEY)
        if draft is not None and join_draft_is_stale(draft, now=now):
            del data[JOIN_DRAFT_SESSION_KEY]
            Session.objects.save(session.session_key, data, session.expire_date)
            drafts += 1
    return {"sessions": expired, "drafts": drafts}


def _user_sessions(user: User):
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            yield session.pk


@transaction.atomic
def account_delete(*, user: User, reason: str = DeletionReason.REQUEST) -> DeletionRecord:
    """Erase or anonymise everything personal about `user`, keeping anonymous counts.

    Each app erases its own records first (communaute.personal_data); what stays
    (pairings, enrolments, completions) keeps the platform's indicators true but points
    to an account that no longer says who it was.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    counts = erase_everywhere(user)
    members = Member.objects.filter(user=user)
    members.update(**{**free_text_fields(Member), **dict.fromkeys(MEMBER_PERSONAL_CHOICES, ""),
                      "region": None, "status": MemberStatus.ARCHIVED, "consent_matching": False,
                      "consent_sensitive": False, "consent_news": False,
                      "consent_confidentiality": False, "paused_until": None})
    for member in members:
        member.health_topics.clear()
    Session.objects.filter(pk__in=list(_user_sessions(user))).delete()
    User.objects.filter(pk=user.pk).update(**{
        **free_text_fields(User), "email": f"supprime-{uuid.uuid4().hex}@anonyme.invalid",
        "display_name": str(_DELETED_NAME), "password": make_password(None),
        "is_active": False, "is_staff": False, "is_superuser": False, "last_login": None})
    user.groups.clear()
    user.user_permissions.clear()
    return DeletionRecord.objects.create(reason=reason, counts=counts)


def retention_candidates(*, now: datetime | None = None):
    """Members inactive past the policy's limit who are not engaged in a project."""
    now = now or timezone.now()
    policy = RetentionPolicy.current()
    limit = now - timedelta(days=30 * policy.inactive_months)
    return (Member.objects.exclude(status=MemberStatus.ARCHIVED)
            .filter(last_activity_at__lt=limit)
            .exclude(engaged_members()))


def retention_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Remind the members inactive too long, then anonymise those who did not answer."""
    now = now or timezone.now()
    policy = RetentionPolicy.current()
    candidates = retention_candidates(now=now).select_related("user")
    reminded = archived = 0
    deadline = now - timedelta(days=policy.reminder_days)
    for member in candidates.filter(retention_reminded_at__lt=deadline).distinct():
        account_delete(user=member.user, reason=DeletionReason.RETENTION)
        archived += 1
    for member in candidates.filter(retention_reminded_at=None).distinct():
        with transaction.atomic():
            claimed = Member.objects.filter(pk=member.pk, retention_reminded_at=None).update(
                retention_reminded_at=now)
            if not claimed:
                continue
            notification_queue(
                kind=NotificationKind.RETENTION_REMINDER, email=member.user.email,
                template="communaute/courriels/rappel_conservation",
                context={"member": member, "user": member.user,
                         "deadline": (now + timedelta(days=policy.reminder_days)).date()},
                language=member.user.preferred_language, recipient=member.user,
            )
        reminded += 1
    return {"reminded": reminded, "archived": archived}


@transaction.atomic
def consent_change(*, member: Member, kind: str, given: bool) -> Consent:
    """A member changes one of their consents from their space."""
    consent = consent_record(member=member, kind=kind, given=given)
    member_touch(user=member.user)
    return consent


@transaction.atomic
def access_record(*, by: User, action: AccessAction, members: Iterable[Member]) -> int:
    """Record that `by` read or exported these members' personal data; how many rows.

    Called before the data is shown or sent: if the record cannot be written, nothing is
    read without a trace.
    """
    now = timezone.now()
    records = [AccessRecord(at=now, by=by, action=action, member=member) for member in members]
    return len(AccessRecord.objects.bulk_create(records, batch_size=1000))
