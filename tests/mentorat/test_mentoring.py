"""Peer mentoring: offers and requests, the ranked mentors, the double opt-in, contacts
hidden until both accept, check-ins, and hours on the attestation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communaute.enums import Domain, Language, MemberKind
from mentorat import ranking, scoring, services
from mentorat.enums import MentoringRequestStatus, MentoringStatus, Side
from mentorat.models import CheckIn, MentoringRequest
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.personas import user_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    return factories.MemberFactory(user__display_name="Nadia Nouvelle",
                                   user__email="nadia@exemple.ca", user__phone="418 555-0101",
                                   kinds=[MemberKind.CAREGIVER], domains=[Domain.CARE])


@pytest.fixture
def mentor(db):
    member = factories.MemberFactory(user__display_name="Marc Mentor",
                                     user__email="marc@exemple.ca", user__phone="418 555-0202",
                                     kinds=[MemberKind.CAREGIVER],
                                     domains=[Domain.CARE, Domain.RESEARCH])
    factories.MentorOfferFactory(member=member, capacity=2)
    return member


@pytest.fixture
def ask(newcomer):
    return services.mentoring_request_create(member=newcomer, note="Je commence.")


@pytest.fixture
def proposal(ask, mentor, coordinator):
    return services.mentoring_pair(request=ask, mentor=mentor, by=coordinator)


# Ranking ----------------------------------------------------------------------------------

def test_the_ranking_explains_each_factor_and_adds_up(ask, mentor):
    far = factories.MemberFactory(region=factories.RegionFactory(name="Côte-Nord", code="09"),
                                  kinds=[MemberKind.CITIZEN], domains=[Domain.POLICY],
                                  languages=[Language.ENGLISH])
    factories.MentorOfferFactory(member=far, capacity=1)
    [(first, best), (second, other)] = ranking.rank(ask)
    assert (first.member, second.member) == (mentor, far)
    assert [f["code"] for f in best.factors] == [scoring.REGION, scoring.KIND,
                                                 scoring.DOMAINS, scoring.LANGUAGE,
                                                 scoring.AVAILABILITY]
    assert best.points == 25 + 20 + 10 + 20 + 15 == sum(f["points"] for f in best.factors)
    assert (best.maximum, best.score) == (100, 90)
    assert [f["code"] for f in other.factors] == [scoring.AVAILABILITY]


def test_a_full_paused_or_withdrawn_mentor_and_the_newcomer_are_not_ranked(ask, newcomer,
                                                                           mentor):
    factories.MentorOfferFactory(member=newcomer)
    paused = factories.MentorOfferFactory(
        member=factories.MemberFactory(paused_until=timezone.localdate() + timedelta(days=9)))
    withdrawn = factories.MentorOfferFactory(active=False)
    full = factories.MentorOfferFactory(capacity=1)
    other = services.mentoring_request_create(member=factories.MemberFactory())
    services.mentoring_propose(request=other, mentor=full.member)
    assert [offer.member for offer, _result in ranking.rank(ask)] == [mentor]
    reasons = {offer.member_id: codes for offer, codes in ranking.exclusions(ask)}
    assert reasons[newcomer.pk] == [scoring.SELF]
    assert reasons[paused.member_id] == [scoring.PAUSED]
    assert reasons[withdrawn.member_id] == [scoring.OFFER_WITHDRAWN]
    assert reasons[full.member_id] == [scoring.FULL]


# The double opt-in ------------------------------------------------------------------------

def test_both_are_invited_without_each_others_contact(proposal, newcomer, mentor):
    assert proposal.status == MentoringStatus.APPROVED
    invitations = Notification.objects.filter(kind=NotificationKind.MENTORING_INVITATION)
    assert {n.email for n in invitations} == {"nadia@exemple.ca", "marc@exemple.ca"}
    others = {"nadia@exemple.ca": mentor.user, "marc@exemple.ca": newcomer.user}
    for notification in invitations:
        other = others[notification.email]
        for secret in (other.display_name, other.email, other.phone):
            assert secret not in notification.body_text + notification.body_html


def test_the_mentoring_is_confirmed_once_both_accept(proposal, newcomer, mentor):
    services.mentoring_accept(mentoring=proposal, member=mentor)
    proposal.refresh_from_db()
    assert proposal.status == MentoringStatus.APPROVED
    assert not proposal.contacts_visible
    services.mentoring_accept(mentoring=proposal, member=newcomer)
    proposal.refresh_from_db()
    assert proposal.status == MentoringStatus.ACCEPTED
    assert proposal.request.status == MentoringRequestStatus.PAIRED
    [to_newcomer] = Notification.objects.filter(kind=NotificationKind.MENTORING_CONFIRMED,
                                                email="nadia@exemple.ca")
    assert "marc@exemple.ca" in to_newcomer.body_text
    assert "418 555-0202" in to_newcomer.body_text


def test_a_stranger_cannot_answer_and_a_decline_keeps_the_request_open(proposal, citizen,
                                                                      newcomer):
    with pytest.raises(ValidationError):
        services.mentoring_accept(mentoring=proposal, member=citizen)
    services.mentoring_decline(mentoring=proposal, member=newcomer)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.declined_by) == (MentoringStatus.DECLINED, Side.NEWCOMER)
    assert proposal.request.status == MentoringRequestStatus.OPEN


def test_one_proposal_at_a_time_and_never_the_same_mentor_twice(proposal, ask, mentor):
    other_mentor = factories.MentorOfferFactory().member
    with pytest.raises(ValidationError):
        services.mentoring_propose(request=ask, mentor=other_mentor)
    services.mentoring_cancel(mentoring=proposal)
    with pytest.raises(ValidationError):
        services.mentoring_propose(request=ask, mentor=mentor)
    assert services.mentoring_propose(request=ask, mentor=other_mentor).mentor == other_mentor


def test_asking_twice_keeps_one_open_request(newcomer, ask):
    assert services.mentoring_request_create(member=newcomer) == ask
    assert MentoringRequest.objects.count() == 1


# Check-ins and hours ----------------------------------------------------------------------

def _confirmed(proposal, newcomer, mentor, days_ago):
    services.mentoring_accept(mentoring=proposal, member=mentor)
    services.mentoring_accept(mentoring=proposal, member=newcomer)
    proposal.refresh_from_db()
    proposal.accepted_at = timezone.now() - timedelta(days=days_ago)
    proposal.save(update_fields=["accepted_at"])
    return proposal


def test_check_ins_after_one_and_three_months_are_asked_once(proposal, newcomer, mentor):
    mentoring = _confirmed(proposal, newcomer, mentor, days_ago=31)
    assert services.check_ins_send() == 2
    assert services.check_ins_send() == 0
    assert set(CheckIn.objects.values_list("side", "month")) == {(Side.MENTOR, 1),
                                                                  (Side.NEWCOMER, 1)}
    mentoring.accepted_at = timezone.now() - timedelta(days=91)
    mentoring.save(update_fields=["accepted_at"])
    assert services.check_ins_send() == 2
    assert Notification.objects.filter(kind=NotificationKind.MENTORING_CHECKIN).count() == 4


def test_each_side_answers_its_own_check_in(client_for, proposal, newcomer, mentor):
    _confirmed(proposal, newcomer, mentor, days_ago=31)
    services.check_ins_send()
    mine = CheckIn.objects.get(side=Side.NEWCOMER)
    theirs = CheckIn.objects.get(side=Side.MENTOR)
    client = client_for(newcomer.user)
    assert client.get(reverse("mentorat:bilan", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("mentorat:bilan", args=[mine.pk]),
                           {"feeling": "bien", "comment": "Très aidant"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.feeling, mine.comment) == ("bien", "Très aidant")


def test_mentoring_hours_count_on_the_mentors_attestation(client_for, proposal, newcomer,
                                                          mentor):
    mentoring = _confirmed(proposal, newcomer, mentor, days_ago=5)
    with pytest.raises(ValidationError):
        services.mentoring_hours_declare(mentoring=mentoring, member=newcomer,
                                         hours=Decimal(2), worked_on=timezone.localdate())
    response = client_for(mentor.user).post(reverse("mentorat:heures", args=[mentoring.pk]), {
        f"m{mentoring.pk}-hours": "2.5",
        f"m{mentoring.pk}-worked_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    attestation = client_for(mentor.user).get(reverse("jumelage:attestation"))
    assert "Mentorat entre pairs" in attestation.text
    assert "2,5 h" in attestation.text or "2.5 h" in attestation.text
    newcomer_attestation = client_for(newcomer.user).get(reverse("jumelage:attestation"))
    assert "Mentorat entre pairs" not in newcomer_attestation.text


# Pages ------------------------------------------------------------------------------------

ROLES = ["anonymous", "newcomer", "mentor", "citizen", "team_member", "coordinator"]
SPACE = {"anonymous": 302, "newcomer": 200, "mentor": 200, "citizen": 200,
         "team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_the_mentoring_space_for_each_role(request, client_for, proposal, role):
    response = client_for(user_of(request, role)).get(reverse("mentorat:espace"))
    assert response.status_code == SPACE[role]


ANSWER = {"anonymous": 302, "newcomer": 302, "mentor": 302, "citizen": 404,
          "team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_two_people_answer_a_proposal(request, client_for, proposal, role):
    response = client_for(user_of(request, role)).post(
        reverse("mentorat:accepter", args=[proposal.pk]))
    assert response.status_code == ANSWER[role]


def test_contacts_stay_hidden_until_both_accept(client_for, proposal, newcomer, mentor):
    for member, other in ((newcomer, mentor), (mentor, newcomer)):
        page = client_for(member.user).get(reverse("mentorat:espace")).text
        assert other.user.email not in page
        assert other.user.phone not in page
        assert other.user.display_name not in page
    client_for(mentor.user).post(reverse("mentorat:accepter", args=[proposal.pk]))
    page = client_for(mentor.user).get(reverse("mentorat:espace")).text
    assert newcomer.user.email not in page
    assert "l'autre personne n'a pas encore répondu" in page
    client_for(newcomer.user).post(reverse("mentorat:accepter", args=[proposal.pk]))
    for member, other in ((newcomer, mentor), (mentor, newcomer)):
        page = client_for(member.user).get(reverse("mentorat:espace")).text
        assert other.user.email in page
        assert other.user.phone in page


def test_a_proposal_not_yet_approved_is_seen_by_neither(client_for, ask, mentor, newcomer):
    proposed = services.mentoring_propose(request=ask, mentor=mentor)
    assert client_for(mentor.user).post(
        reverse("mentorat:accepter", args=[proposed.pk])).status_code == 404


def test_a_member_offers_and_asks_from_their_space(client_for, citizen):
    client = client_for(citizen.user)
    client.post(reverse("mentorat:offrir"), {"capacity": "3", "note": "Dix ans en recherche"})
    assert citizen.mentor_offer.capacity == 3
    bad = client.post(reverse("mentorat:offrir"), {"capacity": "9"}, follow=True)
    assert "3" in bad.text and citizen.mentor_offer.capacity == 3
    client.post(reverse("mentorat:demander"), {"note": ""})
    assert MentoringRequest.objects.filter(member=citizen,
                                           status=MentoringRequestStatus.OPEN).exists()
    client.post(reverse("mentorat:demande_retirer"))
    assert not MentoringRequest.objects.filter(status=MentoringRequestStatus.OPEN).exists()


MENTORS_PAGE = {"anonymous": 302, "newcomer": 302, "mentor": 302, "citizen": 302,
                "team_member": 302, "coordinator": 200}


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinators_open_the_ranked_mentors(request, client_for, ask, mentor, role):
    response = client_for(user_of(request, role)).get(
        reverse("admin:mentorat_mentors", args=[ask.pk]))
    assert response.status_code == MENTORS_PAGE[role]


def test_a_coordinator_pairs_from_the_ranked_list(client_for, ask, mentor, coordinator):
    client = client_for(coordinator)
    page = client.get(reverse("admin:mentorat_mentors", args=[ask.pk]))
    assert "Même région : +25" in page.text
    assert "100" in page.text
    response = client.post(reverse("admin:mentorat_mentors", args=[ask.pk]),
                           {"mentor": mentor.pk})
    assert response.status_code == 302
    assert ask.mentorings.get().status == MentoringStatus.APPROVED


MEMBER_ACTIONS = ["mentorat:offrir", "mentorat:offre_retirer", "mentorat:demander",
                  "mentorat:demande_retirer"]
ACTION = {"anonymous": 302, "citizen": 302, "team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", list(ACTION))
@pytest.mark.parametrize("page", MEMBER_ACTIONS)
def test_offering_and_asking_are_for_members(request, client_for, role, page):
    response = client_for(user_of(request, role)).post(reverse(page))
    # A member without an open request has none to withdraw.
    nothing_to_withdraw = page == "mentorat:demande_retirer" and role == "citizen"
    assert response.status_code == (404 if nothing_to_withdraw else ACTION[role])
    if role == "anonymous":
        assert response.url.startswith(reverse("account_login"))


PAIR_ACTIONS = {"anonymous": 302, "newcomer": 302, "mentor": 302, "citizen": 404,
                "team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", list(PAIR_ACTIONS))
@pytest.mark.parametrize("page", ["mentorat:decliner", "mentorat:heures"])
def test_only_the_two_people_decline_or_declare(request, client_for, proposal, role, page):
    response = client_for(user_of(request, role)).post(reverse(page, args=[proposal.pk]))
    assert response.status_code == PAIR_ACTIONS[role]


CHECK_IN = {"anonymous": 302, "newcomer": 200, "mentor": 404, "citizen": 404,
            "team_member": 403, "coordinator": 403}


@pytest.mark.parametrize("role", list(CHECK_IN))
def test_a_check_in_page_is_its_sides_only(request, client_for, proposal, newcomer, mentor,
                                           role):
    _confirmed(proposal, newcomer, mentor, days_ago=31)
    services.check_ins_send()
    check_in = CheckIn.objects.get(side=Side.NEWCOMER)
    response = client_for(user_of(request, role)).get(
        reverse("mentorat:bilan", args=[check_in.pk]))
    assert response.status_code == CHECK_IN[role]


def _space_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("mentorat:espace")).status_code == 200
    return len(queries)


def test_the_mentoring_space_takes_the_same_queries_for_1_and_4_mentorings(client_for,
                                                                           coordinator):
    mentor = factories.MentorOfferFactory(capacity=5).member
    client = client_for(mentor.user)

    def add_mentoring():
        ask = services.mentoring_request_create(member=factories.MemberFactory())
        pair = services.mentoring_pair(request=ask, mentor=mentor, by=coordinator)
        services.mentoring_accept(mentoring=pair, member=mentor)
        services.mentoring_accept(mentoring=pair, member=ask.member)

    add_mentoring()
    few = _space_queries(client)
    for _i in range(3):
        add_mentoring()
    assert _space_queries(client) == few


def test_a_check_in_that_goes_badly_alerts_the_coordinators(proposal, newcomer, mentor,
                                                            coordinator):
    _confirmed(proposal, newcomer, mentor, days_ago=31)
    services.check_ins_send()
    good = CheckIn.objects.get(side=Side.MENTOR)
    services.check_in_answer(check_in=good, member=mentor, feeling="bien")
    alerts = Notification.objects.filter(email=coordinator.email,
                                         kind=NotificationKind.MENTORING_CHECKIN)
    assert not alerts.exists()
    hard = CheckIn.objects.get(side=Side.NEWCOMER)
    services.check_in_answer(check_in=hard, member=newcomer, feeling="difficile",
                             comment="Nous ne nous sommes jamais vus.")
    [alert] = alerts
    assert "Nous ne nous sommes jamais vus." in alert.body_text
    assert alert.about == newcomer.user
    with pytest.raises(ValidationError):
        services.check_in_answer(check_in=hard, member=newcomer, feeling="bien")
