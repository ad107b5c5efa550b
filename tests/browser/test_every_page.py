"""Every page of the site, for each role, at 320 px, in French and in English: no page
scrolls sideways and none has a serious or critical accessibility violation.

The pages are found as a person finds them, by following links from the entry points,
starting with every address of the URL configuration that takes no argument; the demo
data (seed_demo) gives each role something to see. The test fails too when a route of the
URL configuration is reached by no role and is not listed below as something other than
a page, so that a new page is checked from the day it is added.
"""

import io
import time
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib import admin
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone

from accompagnement.models import Phase
from accompagnement.services import plan_save
from communaute.enums import ContinuumStep
from communaute.models import Member, User
from coordination.management.commands.seed_demo import (
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    MEMBER_EMAIL,
)
from jumelage.enums import PairingStatus
from mentorat.models import Mentoring, MentoringRequest
from mentorat.services import check_ins_send, mentoring_accept, mentoring_pair
from recrutement.enums import ProjectStatus
from recrutement.services import project_return, team_invite
from temoignages.enums import StoryStatus
from tests import factories
from tests.browser.conftest import fill_login, serious_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_lists")]

SMALL_PHONE = {"width": 320, "height": 640}
LONG_ADDRESS = "marie-josee.tremblay-gagnon@centre-integre-de-sante-et-services-sociaux.qc.ca"

# The demo team whose project has the demo member's past engagement: hours to confirm,
# a questionnaire, an outcome to share.
TEAM_WITH_PAST_ENGAGEMENT = "equipe3@demo.ruisss.ca"
# A newcomer of the demo who waits for a mentor.
NEWCOMER_EMAIL = "paulette.gagne-rioux@demo.ruisss.ca"
ROLES = {
    "anonyme": None,
    "membre": (MEMBER_EMAIL, None),
    "equipe": (TEAM_WITH_PAST_ENGAGEMENT, None),
    "coordination": (COORDINATOR_EMAIL, DEMO_TOTP_SECRET),
}

# Routes of the URL configuration that are not pages, or that no link leads to.
NOT_PAGES = {
    "i18n/setlang/": "changement de langue, POST seulement",
    "sante/": "JSON pour la supervision",
    "espace/mes-donnees.json": "téléchargement JSON",
    "comptes/2fa/recovery-codes/download/": "téléchargement texte",
    "comptes/2fa/authenticate/": "second facteur pendant la connexion (test_second_factor)",
    "comptes/2fa/reauthenticate/": "demandé seulement pour une action sensible",
    "comptes/reauthenticate/": "demandé seulement pour une action sensible",
    "comptes/inactive/": "compte désactivé",
    "comptes/login/code/confirm/": "connexion par code, désactivée",
    "comptes/password/set/": "comptes sans mot de passe, qui n'existent pas ici",
    "comptes/password/reset/key/done/": "après un changement de mot de passe par courriel",
    "admin/indicateurs/<slug:slug>.csv": "téléchargement CSV",
    "admin/r/<path:content_type_id>/<path:object_id>/": "redirection « Voir sur le site »",
    "activites/<slug:slug>/documents/<int:pk>/": "téléchargement d'un document partagé",
}

# Admin pages whose template is the same for every model: one of each kind is enough.
ADMIN_GENERIC = ("/history/", "/delete/")
# Pages of one route differ by what they show (a project, a course): a few of each.
PER_ROUTE = 3
SKIPPED_PATHS = ("/static/", "/admin/r/", "/admin/jsi18n/", "/admin/autocomplete/")


ADMIN_STANDARD_VIEWS = ("_changelist", "_add", "_history", "_delete", "_change")


def _routes(patterns, prefix="", namespace=""):
    """(route, name to reverse) of every pattern, the admin's under the key "admin:"."""
    for pattern in patterns:
        # Joined as ResolverMatch.route joins them: an inner regex loses its "^".
        route = prefix + str(pattern.pattern).removeprefix("^" if prefix else "")
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, route, inner)
        else:
            yield route, namespace + (pattern.name or "")


def _required_routes() -> dict[str, str]:
    """The pages some role must reach: every route outside the admin, and the admin's own
    views beyond the standard ones of each model (the model lists are entry points)."""
    required = {}
    for route, name in _routes(get_resolver().url_patterns):
        admin_view = name.removeprefix("admin:")
        if admin_view == name or (admin_view and route.count("/") > 3
                                  and not admin_view.endswith(ADMIN_STANDARD_VIEWS)):
            required[route] = name
    return {route: name for route, name in required.items() if route not in NOT_PAGES}


def _entry_points() -> list[str]:
    """Every address of the URL configuration that takes no argument, and the admin's
    list of each model."""
    # A later step of the join form is reached by its "Continuer" button.
    paths = ["/admin/", reverse("rejoindre_etape", args=["qui"])]
    for name in _required_routes().values():
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue
    paths += [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
              for model in admin.site._registry]
    return paths


def _route_of(path: str) -> str | None:
    """The key under which a page counts as seen: its route; for the admin's generic
    pages, their kind."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace == "admin" and path.endswith(ADMIN_GENERIC):
        return "admin:" + next(kind for kind in ADMIN_GENERIC if path.endswith(kind))
    return match.route


def _follows(base: str, href: str) -> str | None:
    parts = urlsplit(urljoin(base, href))
    if f"{parts.scheme}://{parts.netloc}" != base or parts.path.startswith(SKIPPED_PATHS):
        return None
    if "_popup" in parts.query or "_to_field" in parts.query:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _check(page, role, language, problems, accessibility=True):
    width = page.evaluate("[document.documentElement.scrollWidth,"
                          " document.documentElement.clientWidth]")
    where = f"{role} {language} {urlsplit(page.url).path}"
    if width[0] > width[1]:
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .slice(-3).map(e => e.tagName.toLowerCase() + '.' + e.className)""")
        problems.append(f"{where}: {width[0]} px de large pour {width[1]} ({', '.join(wide)})")
    if accessibility:
        problems.extend(f"{where}: {violation}" for violation in serious_violations(page))


def _open(page, url, checked: set[str]) -> str | None:
    """Open `url` in the page and return the path it lands on; None, without opening it,
    when it is not a page (a download, an action that only answers POST, a redirect off
    the site) or when it lands on a page already checked (a redirect to the login page,
    say)."""
    answer = page.context.request.get(url, max_redirects=0)
    if answer.status in (301, 302, 303, 307, 308):
        # A link of the toolbox leads off the site: not one of its pages.
        location = urlsplit(urljoin(url, answer.headers["location"]))
        if location.netloc != urlsplit(url).netloc:
            return None
        answer = page.context.request.get(url)
    if answer.status == 405 or "text/html" not in answer.headers.get("content-type", ""):
        return None
    if urlsplit(answer.url).path in checked:
        return None
    page.goto(url)
    return urlsplit(page.url).path


def _crawl(page, base, role, problems, first) -> tuple[set[str], list[str]]:
    """French pass: from the pages `first` and the entry points, follow links breadth
    first, a few pages per route (one per route in the admin); returns the routes
    reached and the pages checked."""
    reached: set[str] = set()
    checked: list[str] = []
    tried: Counter = Counter()
    queue = first + _entry_points()
    queued = set(queue)
    while queue:
        path = queue.pop(0)
        route = _route_of(urlsplit(path).path)
        if route is None or tried[route] >= (1 if route.startswith("admin") else PER_ROUTE):
            continue
        tried[route] += 1
        reached.add(route)
        landed = _open(page, base + path, set(checked))
        if landed is None:
            continue
        reached.add(_route_of(landed))
        checked.append(landed)
        _check(page, role, "fr", problems)
        # Links, and the addresses that forms send to (tried with GET: an action that
        # only takes POST is reached, and is not a page).
        for href in page.eval_on_selector_all(
                "a[href], form[action]", "all => all.map(e => e.href || e.action)"):
            target = _follows(base, href)
            if target and target not in queued:
                queued.add(target)
                queue.append(target)
    return reached, checked


def test_every_page_fits_a_small_phone_in_both_languages(browser, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    lead = User.objects.get(email=TEAM_WITH_PAST_ENGAGEMENT)
    team = lead.team_memberships.get().team
    # Long addresses, which must wrap rather than widen the page.
    invitation = team_invite(team=team, email=LONG_ADDRESS, invited_by=lead)
    address = EmailAddress.objects.create(user=User.objects.get(email=MEMBER_EMAIL),
                                          email="autre." + LONG_ADDRESS)
    # The pages that links in e-mails open, which no page links to.
    from_emails = [
        reverse("equipe_invitation", args=[invitation.token]),
        reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]),
        reverse("account_reset_password_from_key",
                kwargs={"uidb36": user_pk_to_url_str(lead),
                        "key": default_token_generator.make_token(lead)}),
    ]
    # Beside the past engagement, a project the team may still edit, and one published
    # without a request yet, for which it may ask for people.
    project_return(project=team.projects.get(status=ProjectStatus.SUBMITTED),
                   comment="Précisez le nombre de rencontres.")
    factories.ProjectFactory(team=team, title="Consultation sur l'accueil aux urgences")
    # Beside what the demo gives the member (an invitation, a mentoring to answer): a
    # story to rework, a project under way with its engagement plan, and a newcomer
    # mentored for five weeks with the check-in that follows; for the team, a support
    # request.
    member = Member.objects.get(user__email=MEMBER_EMAIL)
    factories.SupportRequestFactory(team=team)
    factories.StoryFactory(author=member.user, status=StoryStatus.CHANGES_REQUESTED)
    # Another team's project, so that the team's own pages stay within PER_ROUTE.
    planner = factories.TeamMembershipFactory().user
    planned = factories.ProjectFactory(team=planner.team_memberships.get().team,
                                       title="Parcours de soins à domicile")
    factories.PairingFactory(project=planned, member=member, status=PairingStatus.ACCEPTED)
    plan_save(project=planned, by=planner, lines=[{
        "phase": Phase.objects.order_by("position").first(),
        "continuum_step": ContinuumStep.CONSULTATION,
        "partners_role": "Commenter le questionnaire.", "expected_hours": Decimal(3)}])
    waiting = MentoringRequest.objects.get(member__user__email=NEWCOMER_EMAIL)
    mentored = mentoring_pair(request=waiting, mentor=member,
                              by=User.objects.get(email=COORDINATOR_EMAIL))
    mentoring_accept(mentoring=mentored, member=member)
    mentoring_accept(mentoring=mentored, member=mentored.newcomer)
    Mentoring.objects.filter(pk=mentored.pk).update(
        accepted_at=timezone.now() - timedelta(days=35))
    check_ins_send()
    base = live_server.url
    problems: list[str] = []
    reached: set[str] = set()
    english_checked: set[str] = set()
    started = time.monotonic()
    visits = 0
    for role, account in ROLES.items():
        context = browser.new_context(viewport=SMALL_PHONE, locale="fr-CA")
        page = context.new_page()
        if account:
            page.goto(base + reverse("account_login"))
            fill_login(page, account[0], DEMO_PASSWORD, account[1])
        routes, pages = _crawl(page, base, role, problems,
                               first=from_emails if role == "anonyme" else [])
        reached.update(routes)
        context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
        for path in pages:
            page.goto(base + path)
            # What a role changes on a page (a form, a link) was checked in French; the
            # English words are checked for each route once, whichever role shows it.
            route = _route_of(path)
            _check(page, role, "en", problems, accessibility=route not in english_checked)
            english_checked.add(route)
        visits += 2 * len(pages)
        context.close()

    print(f"{visits} pages en {time.monotonic() - started:.0f} s")
    unreached = sorted(set(_required_routes()) - reached)
    assert (problems, unreached) == ([], []), "\n".join(
        problems + ["Pages qu'aucun lien ne rejoint : " + ", ".join(unreached)])
