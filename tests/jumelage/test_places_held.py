"""`Member.places_held` always equals the member's pairings holding a place, however the
pairings change: services, factories (as the admin would save them), deletion, bulk
writes of the synthetic generator."""

import pytest
from django.utils import timezone

from communaute.models import Member
from jumelage import services
from jumelage.enums import PairingStatus
from jumelage.models import OCCUPYING_STATUSES, Pairing, places_recount
from jumelage.synthetic import Synthetic
from tests import factories

pytestmark = pytest.mark.django_db


def held(member) -> int:
    return Member.objects.get(pk=member.pk).places_held


def counted(member) -> int:
    return Pairing.objects.filter(member=member, status__in=OCCUPYING_STATUSES).count()


def test_each_step_of_a_pairing_moves_the_count(patient, coordinator):
    patient.max_projects = 3
    patient.save(update_fields=["max_projects"])
    projects = factories.ProjectFactory.create_batch(3)
    pairings = [services.pairings_approve(project=project, members=[patient],
                                          by=coordinator)[0] for project in projects]
    assert held(patient) == 3
    services.pairing_accept(pairing=pairings[0], confidentiality=True)
    assert held(patient) == 3
    services.pairing_pause(pairing=pairings[0])
    assert held(patient) == 3
    services.pairing_resume(pairing=pairings[0])
    services.pairing_decline(pairing=pairings[1])
    assert held(patient) == 2
    services.pairing_cancel(pairing=pairings[2])
    assert held(patient) == 1
    services.pairing_end(pairing=pairings[0])
    assert held(patient) == 0 == counted(patient)


def test_pairings_saved_or_deleted_directly_are_counted(patient):
    active = factories.PairingFactory(member=patient, status=PairingStatus.ACTIVE)
    factories.PairingFactory(member=patient, status=PairingStatus.PROPOSED)
    factories.PairingFactory(member=patient, status=PairingStatus.ENDED)
    assert held(patient) == 1
    active.status = PairingStatus.ENDED
    active.save()
    assert held(patient) == 0
    invited = factories.PairingFactory(member=patient, status=PairingStatus.APPROVED,
                                       approved_at=timezone.now())
    assert held(patient) == 1
    invited.project.delete()
    assert held(patient) == 0


def test_a_profile_read_before_an_invitation_does_not_erase_it(patient):
    profile = Member.objects.get(pk=patient.pk)
    factories.PairingFactory(member=patient, status=PairingStatus.APPROVED,
                             approved_at=timezone.now())
    profile.hours_per_month = 7
    profile.save()
    assert held(patient) == 1
    assert Member.objects.get(pk=patient.pk).hours_per_month == 7


# The generator ends with VACUUM ANALYZE on PostgreSQL, which no transaction may hold.
@pytest.mark.django_db(transaction=True)
def test_bulk_writes_and_a_recount_agree_with_the_pairings():
    synthetic = Synthetic(name="Places", domain="@places.invalid", seed=7)
    synthetic.places()
    course = synthetic.course("places")
    project = factories.ProjectFactory()
    synthetic.members(0, 1000, course=course, projects=[project])
    members = Member.objects.filter(user__email__endswith="@places.invalid")
    assert any(counted(member) for member in members)
    assert all(member.places_held == counted(member) for member in members)
    members.update(places_held=5)
    places_recount(members)
    assert all(member.places_held == counted(member) for member in members)
