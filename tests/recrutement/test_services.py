from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from communaute.enums import ContinuumStep, Domain, Modality, OrgLevel
from formation.models import Course
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import Pairing
from jumelage.services import project_express_interest
from messagerie.enums import NotificationKind
from messagerie.models import Notification
from recrutement import services
from recrutement.enums import EstablishmentKind, MatchRequestStatus, ProjectStatus, TeamStatus
from recrutement.models import MatchRequest, TeamMembership
from tests import factories
from tests.conftest import visitor_request

S = ProjectStatus
ALL = list(ProjectStatus.values)


@pytest.mark.parametrize("source", ALL)
@pytest.mark.parametrize("target", ALL)
def test_transition_table_is_the_only_judge_of_the_life_cycle(db, source, target):
    project = factories.ProjectFactory(status=source)
    allowed = target in services.PROJECT_TRANSITIONS[source]
    if allowed:
        assert services.project_transition(project=project, to=target,
                                           comment="x").status == target
    else:
        with pytest.raises(services.RecruitmentError, match="ne peut pas passer"):
            services.project_transition(project=project, to=target)
        project.refresh_from_db()
        assert project.status == source


def test_the_life_cycle_from_draft_to_closed(team, team_member):
    project = factories.ProjectFactory(team=team, status=S.DRAFT)
    for step in (services.project_submit, services.project_publish,
                 services.project_start_recruiting, services.project_mark_filled,
                 services.project_close):
        project = step(project=project)
    assert project.status == S.CLOSED
    assert project.published_at and project.closed_at


def test_a_draft_cannot_be_published_without_being_submitted(team):
    project = factories.ProjectFactory(team=team, status=S.DRAFT)
    with pytest.raises(services.RecruitmentError) as exc:
        services.project_publish(project=project)
    assert "« Brouillon » ne peut pas passer à « Publié »" in str(exc.value.message)


def test_a_team_still_under_verification_cannot_have_a_project_published(db):
    team = factories.TeamFactory(status=TeamStatus.PENDING)
    project = factories.ProjectFactory(team=team, status=S.SUBMITTED)
    with pytest.raises(services.RecruitmentError, match="Vérifiez d'abord l'équipe"):
        services.project_publish(project=project)


def test_publishing_emails_every_team_member(team, team_member,
                                            django_capture_on_commit_callbacks):
    colleague = factories.TeamMembershipFactory(team=team).user
    project = factories.ProjectFactory(team=team, status=S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.project_publish(project=project)
    sent = Notification.objects.filter(kind=NotificationKind.PROJECT_PUBLISHED)
    assert {n.email for n in sent} == {team_member.email, colleague.email}
    assert all(n.sent_at for n in sent)
    assert project.title in sent[0].subject


def test_returning_needs_a_comment_and_sends_it_to_the_team(team, team_member):
    project = factories.ProjectFactory(team=team, status=S.SUBMITTED)
    with pytest.raises(services.RecruitmentError, match="commentaire"):
        services.project_return(project=project, comment="  ")
    project = services.project_return(project=project, comment="Précisez la durée.")
    assert project.status == S.RETURNED
    mail = Notification.objects.get(kind=NotificationKind.PROJECT_RETURNED)
    assert "Précisez la durée." in mail.body_text


def test_closing_a_project_closes_its_open_request(team):
    request = factories.MatchRequestFactory(project__team=team)
    services.project_close(project=request.project)
    request.refresh_from_db()
    assert request.status == MatchRequestStatus.CLOSED


def _project_data(**overrides):
    return {
        "title": "Comité des usagers", "summary": "Résumé", "description": "Description",
        "main_domain": Domain.GOVERNANCE, "other_domains": [Domain.RESEARCH],
        "continuum_step": ContinuumStep.COLLABORATION, "org_level": OrgLevel.MACRO,
        "kinds_sought": ["patient"], "people_sought": 2, "modality": Modality.HYBRID,
        "languages": ["fr"], "hours_per_month": 3, "contact_name": "Personne",
        "contact_email": "p@exemple.ca", **overrides,
    }


def test_a_new_project_requires_the_default_courses_of_its_step_plus_chosen_ones(
        team, team_member):
    basics = factories.CourseFactory(required_from_step=ContinuumStep.CONSULTATION)
    later = factories.CourseFactory(required_from_step=ContinuumStep.PARTNERSHIP)
    chosen = factories.CourseFactory()
    not_requirable = factories.CourseFactory(requirable=False)
    project = services.project_create(team=team, created_by=team_member,
                                      data=_project_data(),
                                      extra_courses=[chosen, not_requirable])
    assert project.status == S.DRAFT
    required = set(project.required_courses.all())
    assert required == set(Course.objects.required_by_default_for(
        ContinuumStep.COLLABORATION)) | {chosen}
    assert basics in required and later not in required and not_requirable not in required


def test_only_drafts_and_returned_projects_can_be_edited(team):
    project = factories.ProjectFactory(team=team, status=S.PUBLISHED)
    with pytest.raises(services.RecruitmentError, match="brouillon"):
        services.project_update(project=project, data={"title": "Autre"})


def test_duplicating_makes_a_fresh_draft_with_the_same_content(team, team_member):
    topic = factories.HealthTopicFactory()
    project = factories.ProjectFactory(team=team, status=S.CLOSED,
                                       published_at=timezone.now(), closed_at=timezone.now())
    project.health_topics.add(topic)
    copy = services.project_duplicate(project=project, created_by=team_member)
    assert copy.pk != project.pk
    assert copy.status == S.DRAFT and copy.published_at is None and copy.closed_at is None
    assert list(copy.health_topics.all()) == [topic]
    assert copy.title.startswith("Copie de")


def test_interest_makes_one_candidate_however_many_clicks(patient):
    project = factories.ProjectFactory()
    first = project_express_interest(project=project, member=patient,
                                              message="J'ai vécu cela.")
    second = project_express_interest(project=project, member=patient,
                                               message="Encore")
    assert first.pk == second.pk
    pairing = Pairing.objects.get()
    assert (pairing.origin, pairing.status, pairing.interest_message) == (
        PairingOrigin.INTEREST, PairingStatus.PROPOSED, "J'ai vécu cela.")


def test_interest_is_refused_after_the_deadline_or_when_not_open(patient):
    late = factories.ProjectFactory(interest_deadline=timezone.localdate() - timedelta(days=1))
    with pytest.raises(services.RecruitmentError, match="date limite"):
        project_express_interest(project=late, member=patient)
    draft = factories.ProjectFactory(status=S.DRAFT)
    with pytest.raises(services.RecruitmentError, match="ne reçoit plus"):
        project_express_interest(project=draft, member=patient)
    assert not Pairing.objects.exists()


def test_a_project_has_at_most_one_open_match_request(team, team_member):
    project = factories.ProjectFactory(team=team)
    needed_by = timezone.localdate() + timedelta(days=10)
    services.match_request_create(project=project, people_count=2, needed_by=needed_by,
                                  created_by=team_member)
    with pytest.raises(services.RecruitmentError, match="déjà une demande"):
        services.match_request_create(project=project, people_count=1, needed_by=needed_by,
                                      created_by=team_member)
    assert MatchRequest.objects.count() == 1


def test_match_requests_only_for_published_projects(team, team_member):
    project = factories.ProjectFactory(team=team, status=S.SUBMITTED)
    with pytest.raises(services.RecruitmentError, match="publié"):
        services.match_request_create(project=project, people_count=2,
                                      needed_by=timezone.localdate(), created_by=team_member)


def _register(**overrides):
    return services.team_register(**{
        "request": visitor_request(), "email": "nouvelle@exemple.ca",
        "password": "Un-mot-solide-42",
        "display_name": "Nadia Nouvelle", "role_title": "Chercheuse",
        "team_name": "Équipe Gamma", "team_kind": "recherche", **overrides})


def test_team_sign_up_creates_an_unverified_account_and_a_team_under_verification(
        db, django_capture_on_commit_callbacks):
    establishment = factories.EstablishmentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        team = _register(establishment=establishment)
    assert team.status == TeamStatus.PENDING
    membership = TeamMembership.objects.get(team=team)
    assert membership.user.email == "nouvelle@exemple.ca"
    assert not EmailAddress.objects.get(user=membership.user).verified
    assert Notification.objects.filter(kind=NotificationKind.ACCOUNT,
                                       email="nouvelle@exemple.ca").exists()


def test_team_sign_up_with_a_new_establishment_leaves_it_to_verify(db):
    team = _register(new_establishment_name="Clinique des Monts",
                     new_establishment_kind=EstablishmentKind.COMMUNITY)
    assert team.establishment.verified is False
    services.team_verify(team=team)
    team.establishment.refresh_from_db()
    assert team.establishment.verified is True


def test_refusing_a_team_needs_a_reason(team):
    with pytest.raises(services.RecruitmentError):
        services.team_refuse(team=team, reason="")
    assert services.team_refuse(team=team, reason="Hors territoire").status == \
        TeamStatus.REFUSED


def test_an_invited_colleague_with_an_account_joins_the_team(team, team_member, outsider):
    invitation = services.team_invite(team=team, email=outsider.email, invited_by=team_member)
    mail = Notification.objects.get(kind=NotificationKind.TEAM_INVITATION)
    assert invitation.token in mail.body_text
    services.team_invitation_accept(token=invitation.token, user=outsider)
    assert TeamMembership.objects.filter(team=team, user=outsider).exists()
    with pytest.raises(services.RecruitmentError, match="plus valide"):
        services.team_invitation_accept(token=invitation.token, user=outsider)


def test_an_invited_colleague_without_an_account_gets_one(team, team_member):
    invitation = services.team_invite(team=team, email="collegue@exemple.ca",
                                      invited_by=team_member)
    membership = services.team_invitation_accept(
        token=invitation.token, request=visitor_request(), password="Un-mot-solide-42",
        display_name="Colette Collègue")
    assert membership.team == team
    assert membership.user.email == "collegue@exemple.ca"


def test_an_expired_invitation_is_refused(team, team_member, outsider):
    invitation = services.team_invite(team=team, email=outsider.email, invited_by=team_member)
    invitation.created_at = timezone.now() - services.INVITATION_VALIDITY - timedelta(hours=1)
    invitation.save()
    with pytest.raises(services.RecruitmentError):
        services.team_invitation_accept(token=invitation.token, user=outsider)
