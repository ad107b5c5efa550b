"""Abandoned join drafts, health answers included, do not outlive what the privacy page says."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from communaute.services import JOIN_DRAFT_LIFETIME, sessions_purge
from communaute.tasks import purge_sessions
from ruisss.celery import app as celery_app
from tests.communaute.conftest import post_step

pytestmark = pytest.mark.django_db


def _session_texts() -> str:
    return " ".join(str(session.get_decoded()) for session in Session.objects.all())


def _start_a_join(client, join_answers):
    post_step(client, "compte", join_answers["compte"])
    post_step(client, "qui", join_answers["qui"])
    post_step(client, "vecu", join_answers["vecu"])
    assert "Oncologie au CHU" in _session_texts()


def test_expired_sessions_are_deleted_and_live_ones_kept():
    now = timezone.now()
    Session.objects.save("expiree", {"a": 1}, now - timedelta(seconds=1))
    Session.objects.save("vivante", {"a": 1}, now + timedelta(days=1))
    assert purge_sessions.delay().get() == {"sessions": 1, "drafts": 0}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["vivante"]


def test_a_stale_join_draft_is_erased_even_while_its_session_lives_on(client, join_answers):
    _start_a_join(client, join_answers)
    session = Session.objects.get()
    # Something else keeps the session alive: a later login, say.
    Session.objects.save(session.session_key, {**session.get_decoded(), "autre": "gardé"},
                         timezone.now() + timedelta(days=30))
    assert sessions_purge(now=timezone.now() + timedelta(days=1)) == {"sessions": 0,
                                                                       "drafts": 0}
    later = timezone.now() + JOIN_DRAFT_LIFETIME + timedelta(minutes=1)
    assert sessions_purge(now=later) == {"sessions": 0, "drafts": 1}
    assert "Oncologie au CHU" not in _session_texts()
    assert Session.objects.get().get_decoded() == {"autre": "gardé"}


def test_the_join_form_starts_afresh_after_the_draft_lifetime(client, join_answers):
    _start_a_join(client, join_answers)
    session = client.session
    draft = session["adhesion"]
    draft["saved_at"] = (timezone.now() - JOIN_DRAFT_LIFETIME
                         - timedelta(minutes=1)).isoformat()
    session["adhesion"] = draft
    session.save()
    response = client.get(reverse("rejoindre_etape", args=["souhaits"]))
    assert response.url == reverse("rejoindre_etape", args=["compte"])
    assert "Oncologie au CHU" not in _session_texts()


def test_the_purge_runs_every_night_and_the_privacy_page_states_the_lifetime(client):
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values()
               if e["task"] == "communaute.tasks.purge_sessions"]
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].remaining_estimate(timezone.now()) <= timedelta(days=1)
    page = client.get(reverse("confidentialite")).content.decode()
    assert f"{JOIN_DRAFT_LIFETIME.days} jours après la dernière étape" in page
