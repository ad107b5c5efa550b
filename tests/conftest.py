import os

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory

from communaute import second_factor
from ruisss.celery import app as celery_app
from tests import factories
from tests.stack import require_real_stack


@pytest.fixture(scope="session", autouse=True)
def _static_files():
    """Pages are served as in production, from collected, hashed static files."""
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _isolated(request):
    """Each test starts with an empty cache (rate limits) and, unless it drives the real
    stack, with Celery tasks run in-process so their effects are visible at once."""
    if request.node.get_closest_marker("django_db") or (
        {"db", "transactional_db"} & set(request.fixturenames)
    ):
        request.getfixturevalue("db")
        cache.clear()
    eager = request.node.get_closest_marker("stack") is None
    if not eager:
        request.getfixturevalue("real_stack")
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction")
                                     or marker.kwargs.get("reset_sequences")))
    return transactional or bool({"transactional_db", "live_server"} & set(item.fixturenames))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests that flush the database (transactional, browser, real stack) run last.

    pytest-django orders them so, but pytest then regroups tests by session-scoped
    parameters (Playwright's browser), which can put a flush before ordinary tests that
    rely on the data migrations (regions, trainings).
    """
    items.sort(key=_flushes_the_database)


# A port where nothing listens: the cache as it is when Redis is stopped.
CLOSED_REDIS_PORT = 6390


@pytest.fixture
def cache_down(settings, monkeypatch):
    """The cache wrapper of production, pointing at a Redis that does not answer."""
    from ruisss import cache as fallback

    settings.CACHES = {"default": {
        "BACKEND": "ruisss.cache.FallbackRedisCache",
        "LOCATION": f"redis://127.0.0.1:{CLOSED_REDIS_PORT}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    cache.clear()
    # Each test sees the outage begin: one warning, then the process's memory.
    monkeypatch.setattr(fallback, "_redis_down_until", {})


@pytest.fixture
def real_stack():
    require_real_stack()


@pytest.fixture
def patient(db):
    return factories.MemberFactory(kinds=["patient"], user__display_name="Paule Patiente")


@pytest.fixture
def caregiver(db):
    return factories.MemberFactory(kinds=["proche_aidant"], user__display_name="Carole Aidante")


@pytest.fixture
def citizen(db):
    return factories.MemberFactory(kinds=["citoyen"], user__display_name="Cédric Citoyen")


@pytest.fixture
def team(db):
    return factories.TeamFactory(name="Équipe Alpha")


@pytest.fixture
def other_team(db):
    return factories.TeamFactory(name="Équipe Bêta")


@pytest.fixture
def team_member(team):
    return factories.TeamMembershipFactory(team=team, user__display_name="Thomas Équipe").user


@pytest.fixture
def other_team_member(other_team):
    return factories.TeamMembershipFactory(team=other_team,
                                           user__display_name="Olga Autre-Équipe").user


@pytest.fixture
def coordinator(db):
    return factories.CoordinatorFactory(display_name="Coralie Coordination")


@pytest.fixture
def outsider(db):
    """Logged in, but neither a member, nor in a team, nor a coordinator."""
    return factories.UserFactory(display_name="Oscar Externe")


def log_in(client, user):
    """Log `user` in as after the login page, second factor included for staff."""
    client.force_login(user)
    if second_factor.needs_second_factor(user):
        session = client.session
        session[second_factor.SESSION_KEY] = str(user.pk)
        session.save()
    return client


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            log_in(client, user)
        return client

    return login


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def visitor_request(path: str = "/"):
    """A POST from a visitor who is not logged in, as the middlewares leave it: a session,
    an anonymous user and a message store (services that open accounts use all three)."""
    request = RequestFactory().post(path)
    request.user, request.session = AnonymousUser(), SessionStore()
    request._messages = FallbackStorage(request)
    return request
