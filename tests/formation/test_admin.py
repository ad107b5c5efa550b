import pytest
from django.urls import reverse

from formation.enums import CompletionStatus, EnrolmentStatus
from formation.models import Completion, Course
from tests.factories import CompletionFactory, EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_coordinators_see_and_edit_the_default_requirement_in_the_course_list(
        client_for, coordinator):
    html = client_for(coordinator).get(reverse("admin:formation_course_changelist")
                                       ).content.decode()
    module_101 = Course.objects.get(slug="module-101-fondements")
    assert 'name="form-0-required_from_step"' in html
    change = client_for(coordinator).get(reverse("admin:formation_course_change",
                                                 args=[module_101.pk])).content.decode()
    assert "Module 101 dès la collaboration" in change


def test_a_coordinator_marks_several_people_completed_at_once(client_for, coordinator):
    session = SessionFactory()
    enrolments = EnrolmentFactory.create_batch(2, session=session)
    response = client_for(coordinator).post(reverse("admin:formation_enrolment_changelist"), {
        "action": "mark_completed", "_selected_action": [e.pk for e in enrolments]})
    assert response.status_code == 302
    assert Completion.objects.confirmed().filter(course=session.course).count() == 2
    assert all(e.status == EnrolmentStatus.ATTENDED
               for e in session.enrolments.all())


def test_a_coordinator_confirms_declared_completions(client_for, coordinator):
    declared = CompletionFactory(status=CompletionStatus.DECLARED)
    client_for(coordinator).post(reverse("admin:formation_completion_changelist"), {
        "action": "confirm", "_selected_action": [declared.pk]})
    declared.refresh_from_db()
    assert (declared.status, declared.confirmed_by) == (CompletionStatus.CONFIRMED, coordinator)


def test_the_training_admin_is_closed_to_members_and_teams(client_for, patient, team_member):
    for user in (patient.user, team_member):
        response = client_for(user).get(reverse("admin:formation_course_changelist"))
        assert response.status_code == 302
