"""What a coordinator or a member reads adds up, whatever the weights coordinators set."""

from dataclasses import asdict
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communaute.enums import ContinuumStep, Domain, MemberKind
from jumelage import engine, scoring, services
from jumelage.enums import PairingOrigin, PairingStatus
from jumelage.models import MatchingConfig
from jumelage.phrases import factor_sentences, points_sentence
from tests import factories

pytestmark = pytest.mark.django_db

weights = st.builds(scoring.Weights, *[st.integers(0, 60)] * 9)


@pytest.fixture
def project(team, patient, caregiver, citizen):
    """A research project on diabetes, and three people who fit it in different ways."""
    diabetes = factories.HealthTopicFactory(name="Diabète")
    project = factories.ProjectFactory(team=team, main_domain=Domain.RESEARCH,
                                       other_domains=[Domain.GOVERNANCE],
                                       continuum_step=ContinuumStep.COLLABORATION,
                                       hours_per_month=6)
    project.health_topics.add(diabetes)
    patient.health_topics.add(diabetes)
    patient.hours_per_month = 8
    patient.save()
    caregiver.domains = [Domain.GOVERNANCE]
    caregiver.continuum_max = ContinuumStep.CONSULTATION
    caregiver.save()
    citizen.kinds = [MemberKind.CITIZEN]
    citizen.save()
    factories.PairingFactory(member=citizen, status=PairingStatus.DECLINED,
                             approved_at=timezone.now() - timedelta(days=40))
    factories.PairingFactory(project=project, member=citizen, origin=PairingOrigin.INTEREST)
    return project


def percent(points, maximum):
    if not maximum:
        return 0
    return int((Decimal(points * 100) / maximum).quantize(Decimal(1), ROUND_HALF_UP))


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(w=weights, later=weights)
def test_scores_add_up_to_the_points_listed_under_edited_weights(client_for, coordinator,
                                                                  project, w, later):
    def use(chosen):
        MatchingConfig.load()
        MatchingConfig.objects.update(**{f"weight_{name}": value
                                         for name, value in asdict(chosen).items()})

    with transaction.atomic():
        use(w)
        candidates = engine.rank(project)
        assert len(candidates) == 3
        for candidate in candidates:
            assert sum(f["points"] for f in candidate.factors) == candidate.points
            assert candidate.maximum == w.maximum
            assert candidate.score == percent(candidate.points, w.maximum)
        shown = candidates[0]
        [pairing] = services.pairings_approve(project=project, members=[shown.member],
                                              by=coordinator)
        assert (pairing.points, pairing.points_max, pairing.score, pairing.factors) == (
            shown.points, shown.maximum, shown.score, shown.factors)

        use(later)
        page = client_for(shown.member.user).get(
            reverse("jumelage:invitation", args=[pairing.pk])).content.decode()
        assert str(points_sentence(shown.points, shown.maximum, shown.score)) in page
        for sentence in factor_sentences(shown.factors):
            assert str(sentence).replace("'", "&#x27;") in page
        transaction.set_rollback(True)
