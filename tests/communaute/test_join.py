import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from communaute.enums import ConsentKind, ConsentMethod, MemberStatus
from communaute.models import Consent, Member, User
from communaute.services import CONSENT_TEXT_VERSIONS
from jumelage.scoring import INACTIVE
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from tests import factories
from tests.communaute.conftest import join_all, post_step
from tests.eligibility import personal_exclusions

pytestmark = pytest.mark.django_db


def test_a_complete_join_creates_a_pending_member_with_its_consents(
        client, join_answers, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = join_all(client, join_answers)
    assert response.status_code == 302
    assert response.url == reverse("rejoindre_merci")
    member = Member.objects.get(user__email="nouvelle.personne@exemple.ca")
    assert member.status == MemberStatus.PENDING
    assert member.kinds == ["patient", "proche_aidant"]
    assert member.domains == ["recherche", "gouvernance"]
    assert member.municipality == "Lévis"
    assert member.care_trajectories == "Oncologie au CHU"
    assert [t.name for t in member.health_topics.all()] == ["Cancer"]
    assert member.user.check_password(factories.PASSWORD)
    assert member.user.display_name == "Nadia Nouvelle"
    assert member.user.legal_name == "Nadine Nouvelle"
    assert not EmailAddress.objects.get(user=member.user).verified
    consents = {c.kind: c for c in Consent.objects.filter(member=member)}
    assert consents[ConsentKind.MATCHING].given and consents[ConsentKind.SENSITIVE].given
    assert not consents[ConsentKind.NEWS].given
    assert all(c.text_version == CONSENT_TEXT_VERSIONS[c.kind] for c in consents.values())
    assert all(c.method == ConsentMethod.ONLINE for c in consents.values())
    assert member.consent_matching and member.consent_sensitive and not member.consent_news
    assert Notification.objects.filter(kind=NotificationKind.MEMBER_WELCOME,
                                       recipient=member.user).exists()
    assert Notification.objects.filter(kind=NotificationKind.ACCOUNT,
                                       recipient=member.user).exists()
    assert len(mailoutbox) == 2
    assert "nouvelle.personne@exemple.ca" not in str(client.session.items())


def test_a_pending_member_is_proposed_to_no_one(client, join_answers):
    join_all(client, join_answers)
    member = Member.objects.get(user__email="nouvelle.personne@exemple.ca")
    assert INACTIVE in personal_exclusions(member)


def test_the_password_never_waits_in_the_session_in_clear(client, join_answers):
    post_step(client, "compte", join_answers["compte"])
    stored = str(dict(client.session.items()))
    assert factories.PASSWORD not in stored
    assert "pbkdf2" in stored or "argon2" in stored or "$" in stored


def test_a_person_can_stop_and_come_back_to_what_they_typed(client, join_answers):
    post_step(client, "compte", join_answers["compte"])
    post_step(client, "qui", join_answers["qui"])
    client.get("/")
    response = client.get(reverse("rejoindre_etape", args=["qui"]))
    html = response.content.decode()
    assert 'value="Lévis"' in html
    response = client.get(reverse("rejoindre"))
    assert 'value="Nadia Nouvelle"' in response.content.decode()
    # The password is already chosen: the first step can be sent again without it.
    data = {**join_answers["compte"], "password1": "", "password2": ""}
    assert post_step(client, "compte", data).status_code == 302


def test_a_later_step_cannot_be_reached_before_the_earlier_ones(client):
    response = client.get(reverse("rejoindre_etape", args=["souhaits"]))
    assert response.status_code == 302
    assert response.url == reverse("rejoindre_etape", args=["compte"])


def test_unknown_step_is_a_404(client):
    assert client.get(reverse("rejoindre_etape", args=["nimporte"])).status_code == 404


def test_without_consent_2_sensitive_answers_are_refused_beside_the_field(client, join_answers):
    post_step(client, "compte", join_answers["compte"])
    post_step(client, "qui", join_answers["qui"])
    data = {**join_answers["vecu"]}
    del data["consent_sensitive"]
    response = post_step(client, "vecu", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_consent_sensitive_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Oncologie au CHU" in html


def test_without_consent_2_nothing_sensitive_is_stored(client, join_answers):
    join_answers["vecu"] = {}
    join_all(client, join_answers)
    member = Member.objects.get(user__email="nouvelle.personne@exemple.ca")
    assert member.care_trajectories == member.lived_experience == ""
    assert not member.health_topics.exists()
    assert not member.consent_sensitive


def test_consents_are_never_ticked_in_advance(client, join_answers):
    for step in ["compte", "qui", "vecu", "souhaits", "experience"]:
        if step != "compte":
            response = client.get(reverse("rejoindre_etape", args=[step]))
            assert "checked" not in response.content.decode().split("consent")[-1][:200]
        post_step(client, step, join_answers[step])
    html = client.get(reverse("rejoindre_etape", args=["consentements"])).content.decode()
    for name in ("consent_matching", "consent_news"):
        tag = html.split(f'name="{name}"')[0].rsplit("<input", 1)[1] + html.split(
            f'name="{name}"')[1].split(">")[0]
        assert "checked" not in tag
    assert "Une personne de la coordination décide" in html
    assert "Nadia Nouvelle" in html  # the review of earlier answers


@pytest.mark.parametrize("step, field, value, message", [
    ("compte", "email", "pas-une-adresse", "adresse de courriel valide"),
    ("compte", "password2", "autre-chose-encore-12", "pas identiques"),
    ("compte", "password1", "1234567890", "entièrement numérique"),
    ("compte", "display_name", "", "obligatoire"),
    ("compte", "legal_name", "", "obligatoire"),
    ("compte", "phone", "123", "10 chiffres"),
    ("compte", "preferred_language", "de", "Sélectionnez un choix valide"),
    ("compte", "contact_channel", "pigeon", "Sélectionnez un choix valide"),
    ("qui", "kinds", [], "obligatoire"),
    ("qui", "age_range", "", "obligatoire"),
    ("qui", "region", "", "obligatoire"),
    ("qui", "municipality", "", "obligatoire"),
    ("qui", "languages", ["klingon"], "Sélectionnez un choix valide"),
    ("souhaits", "domains", [], "obligatoire"),
    ("souhaits", "continuum_max", "9", "Sélectionnez un choix valide"),
    ("souhaits", "modality", "", "obligatoire"),
    ("souhaits", "hours_per_month", "0", "entre 1 et 80"),
    ("souhaits", "hours_per_month", "deux", "Saisissez un nombre entier"),
    ("souhaits", "max_projects", "40", "entre 1 et 10"),
    ("experience", "gender", "robot", "Sélectionnez un choix valide"),
])
def test_each_field_is_checked_and_the_error_sits_beside_it(
        client, join_answers, step, field, value, message):
    for earlier in list(join_answers)[:list(join_answers).index(step)]:
        post_step(client, earlier, join_answers[earlier])
    data = {**join_answers[step], field: value}
    if field == "password1":
        data["password2"] = value
    response = post_step(client, step, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert not Member.objects.exists()


def test_the_contact_by_phone_needs_a_number(client, join_answers):
    data = {**join_answers["compte"], "phone": "", "contact_channel": "telephone"}
    response = post_step(client, "compte", data)
    assert 'id="id_phone_error"' in response.content.decode()


def test_errors_are_shown_in_english_for_an_english_speaker(client, join_answers):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = post_step(client, "compte", {**join_answers["compte"], "display_name": ""})
    assert "This field is required" in response.content.decode()


def test_an_already_registered_email_gets_the_same_answer_and_no_second_account(
        client, join_answers, django_capture_on_commit_callbacks):
    known = factories.UserFactory(email="nouvelle.personne@exemple.ca")
    with django_capture_on_commit_callbacks(execute=True):
        response = join_all(client, join_answers)
    assert response.status_code == 302
    assert response.url == reverse("rejoindre_merci")
    assert User.objects.filter(email="nouvelle.personne@exemple.ca").count() == 1
    assert not Member.objects.filter(user=known).exists()
    assert Notification.objects.filter(email=known.email, kind=NotificationKind.ACCOUNT).exists()
    assert not Notification.objects.filter(kind=NotificationKind.MEMBER_WELCOME).exists()


def test_the_honeypot_pretends_success_and_saves_nothing(client, join_answers):
    response = post_step(client, "compte", {**join_answers["compte"],
                                            "site_web": "http://spam.example"})
    assert response.url == reverse("rejoindre_merci")
    assert not User.objects.exists()
    assert "adhesion" not in client.session


def test_too_many_sign_ups_from_one_address_get_a_clear_french_message(
        client, join_answers, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}
    join_all(client, join_answers)
    other = {**join_answers, "compte": {**join_answers["compte"],
                                        "email": "deuxieme@exemple.ca"}}
    response = join_all(client, other)
    assert response.status_code == 429
    assert "Réessayez dans une heure" in response.content.decode()
    assert not User.objects.filter(email="deuxieme@exemple.ca").exists()


def test_the_confirmation_page_says_what_happens_next(client):
    response = client.get(reverse("rejoindre_merci"))
    assert "en attente" in response.content.decode()


@pytest.mark.parametrize("persona", ["patient", "caregiver"])
def test_join_form_sends_members_to_their_space(request, client_for, persona):
    member = request.getfixturevalue(persona)
    response = client_for(member.user).get(reverse("rejoindre"))
    assert response.status_code == 302
    assert response.url == reverse("espace")


@pytest.mark.parametrize("persona", ["team_member", "coordinator", "outsider"])
def test_an_account_without_member_profile_joins_without_a_second_account(
        request, client_for, persona, join_answers, django_capture_on_commit_callbacks,
        mailoutbox):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    page = client.get(reverse("rejoindre")).content.decode()
    assert "Étape 1 sur 6" in page
    assert 'name="email"' not in page and 'name="password1"' not in page
    assert f'value="{user.display_name}"' in page
    answers = {**join_answers, "compte": {
        key: value for key, value in join_answers["compte"].items()
        if key not in ("email", "password1", "password2")}}
    accounts = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = join_all(client, answers)
    assert response.url == reverse("espace")
    assert User.objects.count() == accounts
    member = Member.objects.get(user=user)
    assert member.status == MemberStatus.PENDING
    assert member.kinds == ["patient", "proche_aidant"]
    assert member.consent_matching and member.consent_sensitive
    user.refresh_from_db()
    assert (user.display_name, user.legal_name) == ("Nadia Nouvelle", "Nadine Nouvelle")
    [welcome] = mailoutbox
    assert welcome.to == [user.email]
    assert "confirmer votre adresse" not in welcome.body
    assert "en attente" in client.get(reverse("espace")).content.decode()


def test_join_form_is_open_to_anonymous_visitors(client):
    response = client.get(reverse("rejoindre"))
    assert response.status_code == 200
    assert "Étape 1 sur 6" in response.content.decode()


def test_one_address_gets_three_join_submissions_an_hour_whatever_the_connection(
        client, join_answers):
    def join_from(n):
        client.cookies.clear()
        return [client.post(reverse("rejoindre_etape", args=[step]), data,
                            REMOTE_ADDR=f"192.0.2.{n}") for step, data in join_answers.items()][-1]

    for n in range(3):
        assert join_from(n).status_code == 302
    sent = Notification.objects.filter(email="nouvelle.personne@exemple.ca").count()
    assert join_from(3).status_code == 429
    assert Notification.objects.filter(email="nouvelle.personne@exemple.ca").count() == sent


def test_the_last_step_works_with_the_cache_down(client, join_answers, cache_down):
    response = join_all(client, join_answers)
    assert response.url == reverse("rejoindre_merci")
    assert Member.objects.filter(user__email="nouvelle.personne@exemple.ca").exists()


def test_sending_the_last_step_again_after_it_went_through_gives_the_same_answer(
        client, join_answers):
    join_all(client, join_answers)
    response = post_step(client, "consentements", join_answers["consentements"])
    assert response.url == reverse("rejoindre_merci")
    assert Member.objects.count() == 1


def test_a_join_draft_is_neither_stored_nor_shared_by_a_cache(client, join_answers):
    post_step(client, "compte", join_answers["compte"])
    post_step(client, "qui", join_answers["qui"])
    response = client.get(reverse("rejoindre_etape", args=["qui"]))
    assert "Lévis" in response.content.decode()
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives
