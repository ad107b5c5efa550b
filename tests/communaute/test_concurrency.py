"""Double submissions, each request in its own thread and connection, on PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from communaute.enums import ConsentKind
from communaute.models import Member, User
from communaute.services import member_join, member_register
from formation.enums import EnrolmentStatus
from formation.models import Enrolment
from formation.services import enrolment_create
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from recrutement.enums import TeamKind
from recrutement.models import Team
from recrutement.services import team_register
from tests.conftest import visitor_request
from tests.factories import EstablishmentFactory, SessionFactory, UserFactory
from tests.together import at_the_same_moment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite",
                       reason="SQLite has no row locks; run with DATABASE_URL on PostgreSQL"),
]

EMAIL = "double.clic@exemple.ca"
PROFILE = {"contact_channel": "courriel", "kinds": ["patient"], "age_range": "50_64",
           "languages": ["fr"], "domains": ["recherche"], "continuum_max": 3,
           "modality": "distance", "hours_per_month": 4, "max_projects": 1}
CONSENTS = {ConsentKind.MATCHING: True}


def a_request():
    return visitor_request("/rejoindre/consentements/")


def test_a_double_click_on_the_last_join_step_opens_one_account_without_error():
    def register():
        return member_register(request=a_request(), email=EMAIL, password_hash=None,
                               display_name="Dora Double", legal_name="", phone="",
                               preferred_language="fr-ca", profile=PROFILE, health_topics=[],
                               consents=CONSENTS)

    outcomes = at_the_same_moment(register, register)
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Member.objects.filter(user__email=EMAIL).count() == 1
    assert Notification.objects.filter(email=EMAIL,
                                       kind=NotificationKind.MEMBER_WELCOME).count() == 1
    # The address's owner is not told that "someone" tried to open their account.
    assert Notification.objects.filter(email=EMAIL).count() == 2


def test_a_double_click_on_the_team_sign_up_opens_one_account_and_one_team():
    establishment = EstablishmentFactory()

    def register():
        return team_register(request=a_request(), email=EMAIL, password="Un-mot-solide-42",
                             display_name="Dora Double", role_title="Chercheuse",
                             team_name="Équipe Double", team_kind=TeamKind.RESEARCH,
                             establishment=establishment)

    outcomes = at_the_same_moment(register, register)
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert User.objects.filter(email=EMAIL).count() == 1
    assert Team.objects.filter(name="Équipe Double").count() == 1


def test_an_existing_account_joining_twice_at_once_gets_one_profile_both_times():
    user = UserFactory()

    def join():
        return member_join(user=user, display_name="Dora Double", legal_name="", phone="",
                           preferred_language="fr-ca", profile=PROFILE, health_topics=[],
                           consents=CONSENTS)

    first, second = at_the_same_moment(join, join)
    assert isinstance(first, Member) and first == second
    assert Member.objects.filter(user=user).count() == 1


def test_a_double_click_on_enrol_keeps_one_enrolment_and_explains_the_second():
    session = SessionFactory()
    user = UserFactory()
    outcomes = at_the_same_moment(lambda: enrolment_create(session=session, user=user),
                                  lambda: enrolment_create(session=session, user=user))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    assert refused[0].code == "duplicate"
    assert Enrolment.objects.get(user=user).status == EnrolmentStatus.ENROLLED
