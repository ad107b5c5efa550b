from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communaute import limits
from communaute.roles import team_member_required
from formation.models import Course
from formation.signals import CATALOGUE as COURSES
from recrutement import services
from recrutement.filters import ProjectFilter
from recrutement.forms import (
    InvitationAccountForm,
    MatchRequestForm,
    ProjectForm,
    TeamInviteForm,
    TeamSignupForm,
)
from recrutement.models import Project, Team
from recrutement.signals import CATALOGUE
from ruisss import fragments

PAGE_SIZE = 20
MAX_PAGE_DIGITS = 4


def home(request):
    """The counts of open projects and courses are shared by every visitor until a project
    or a course changes (recrutement/signals.py, formation/signals.py)."""
    open_projects, courses = fragments.computed_once(
        fragments.key("accueil", versions=(CATALOGUE, COURSES), parts=()),
        lambda: (Project.objects.open().count(), Course.objects.published().count()),
        timeout=fragments.TIMEOUT)
    return render(request, "accueil.html", {"open_projects": open_projects, "courses": courses})


def project_list(request):
    """The open projects with their filters. The rendered list is shared by every visitor
    who asks for the same valid filters and page, until a project, a team, a region or a
    health topic changes (recrutement/signals.py); a free-text search is rendered each time,
    so that no one can fill the cache with made-up words."""
    projects = (Project.objects.open().select_related("team")
                .prefetch_related("regions").order_by("-published_at", "-pk"))
    filterset = ProjectFilter(request.GET, queryset=projects)

    def render_listing():
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string("recrutement/_projets.html", {
            "filter": filterset, "page": page, "query": query.urlencode(),
        }, request=request)

    page_number = request.GET.get("page", "1")
    shared = (not request.GET.get("q") and filterset.form.is_valid()
              and page_number.isdigit() and len(page_number) <= MAX_PAGE_DIGITS)
    if shared:
        parts = (sorted((name, getattr(value, "pk", value))
                        for name, value in filterset.form.cleaned_data.items()
                        if value not in (None, "")), page_number)
        listing = fragments.cached("projets", versions=(CATALOGUE,), parts=parts,
                                   render=render_listing)
    else:
        listing = render_listing()
    return render(request, "recrutement/projets.html", {"listing": mark_safe(listing)})


def team_signup(request):
    form = TeamSignupForm(request.POST or None)
    if request.method == "POST" and form.is_spam():
        # A robot gets the usual answer, and nothing is created or sent.
        return render(request, "recrutement/inscription_envoyee.html",
                      {"email": request.POST.get("email", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        refused = limits.refusal(request, action="signup", to=data["email"])
        if refused:
            form.add_error(None, refused)
            return render(request, "recrutement/inscription.html", {"form": form}, status=429)
        services.team_register(
            request=request, email=data["email"], password=data["password"],
            display_name=data["display_name"], legal_name=data["display_name"],
            preferred_language=data["preferred_language"], phone=data["phone"],
            role_title=data["role_title"], team_name=data["team_name"],
            team_kind=data["team_kind"], establishment=data["establishment"],
            new_establishment_name=data["new_establishment_name"],
            new_establishment_kind=data["new_establishment_kind"],
        )
        # The same answer whether or not the address was already known.
        return render(request, "recrutement/inscription_envoyee.html",
                      {"email": data["email"]})
    return render(request, "recrutement/inscription.html", {"form": form})


# The team's space -------------------------------------------------------------------------

def team_project_or_404(request, pk):
    return get_object_or_404(Project.objects.visible_to(request.user)
                             .select_related("team"), pk=pk)


def teams_of(user):
    return list(Team.objects.filter(memberships__user=user).select_related("establishment"))


@team_member_required
def project_create(request):
    teams = teams_of(request.user)
    form = ProjectForm(request.POST or None, teams=teams,
                       initial={"contact_name": request.user.display_name,
                                "contact_email": request.user.email})
    if request.method == "POST" and form.is_valid():
        team = form.cleaned_data.get("team") or teams[0]
        project = services.project_create(team=team, created_by=request.user,
                                           **form.service_kwargs())
        messages.success(request, _("Le projet est enregistré comme brouillon. Soumettez-le "
                                    "à la coordination quand il est prêt."))
        return redirect("equipe_projet", pk=project.pk)
    return render(request, "recrutement/projet_form.html", {"form": form, "project": None})


@team_member_required
def project_edit(request, pk):
    project = team_project_or_404(request, pk)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, **form.service_kwargs())
        except services.RecruitmentError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Le projet est enregistré."))
        return redirect("equipe_projet", pk=project.pk)
    if project.status not in services.EDITABLE_STATUSES:
        messages.error(request, _("Seul un projet en brouillon ou retourné à l'équipe peut "
                                  "être modifié."))
        return redirect("equipe_projet", pk=project.pk)
    return render(request, "recrutement/projet_form.html", {"form": form, "project": project})


TEAM_ACTIONS = {
    "soumettre": (services.project_submit,
                  gettext_lazy("Le projet est soumis à la coordination.")),
    "fermer": (services.project_close, gettext_lazy("Le projet est fermé.")),
    "annuler": (services.project_cancel, gettext_lazy("Le projet est annulé.")),
}


@require_POST
@team_member_required
def project_action(request, pk, action):
    if action not in TEAM_ACTIONS:
        raise Http404
    project = team_project_or_404(request, pk)
    service, done = TEAM_ACTIONS[action]
    try:
        service(project=project)
    except services.RecruitmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, str(done))
    return redirect("equipe_projet", pk=project.pk)


@require_POST
@team_member_required
def project_duplicate(request, pk):
    project = team_project_or_404(request, pk)
    copy = services.project_duplicate(project=project, created_by=request.user)
    messages.success(request, _("Voici la copie, en brouillon : modifiez-la puis "
                                "soumettez-la."))
    return redirect("equipe_projet", pk=copy.pk)


@team_member_required
def match_request_create(request, pk):
    project = team_project_or_404(request, pk)
    form = MatchRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.match_request_create(project=project, created_by=request.user,
                                          **form.cleaned_data)
        except services.RecruitmentError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Votre demande est transmise à la coordination."))
            return redirect("equipe_projet", pk=project.pk)
    return render(request, "recrutement/demande_form.html", {"form": form,
                                                             "project": project})


@require_POST
@team_member_required
def team_invite(request, team_pk):
    team = get_object_or_404(Team.objects.visible_to(request.user), pk=team_pk)
    form = TeamInviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Entrez un courriel valide pour inviter une personne."))
        return redirect("equipe")
    refused = limits.refusal(request, action="team_invite", to=form.cleaned_data["email"])
    if refused:
        messages.error(request, refused)
        return redirect("equipe")
    try:
        services.team_invite(team=team, invited_by=request.user, **form.cleaned_data)
    except services.RecruitmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("L'invitation est envoyée."))
    return redirect("equipe")


def team_invitation(request, token):
    invitation = services.team_invitation_pending(token)
    if invitation is None:
        return render(request, "recrutement/invitation.html", {"invitation": None}, status=404)
    form = None if request.user.is_authenticated else InvitationAccountForm(
        request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        # A new account sends a confirmation e-mail to the invited address.
        refused = form is not None and limits.refusal(request, action="signup",
                                                      to=invitation.email)
        if refused:
            form.add_error(None, refused)
            return render(request, "recrutement/invitation.html",
                          {"invitation": invitation, "form": form}, status=429)
        extra = {"user": request.user} if form is None else {
            "request": request, **form.cleaned_data}
        try:
            membership = services.team_invitation_accept(token=token, **extra)
        except services.RecruitmentError as exc:
            messages.error(request, exc.message)
            return redirect("accueil")
        if form is None:
            messages.success(request, _("Vous faites maintenant partie de l'équipe %(team)s.")
                             % {"team": membership.team.name})
            return redirect("equipe")
        return render(request, "recrutement/inscription_envoyee.html",
                      {"email": invitation.email})
    return render(request, "recrutement/invitation.html",
                  {"invitation": invitation, "form": form})

