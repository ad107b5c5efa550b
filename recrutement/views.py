from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communaute.enums import MemberStatus
from jumelage.enums import PairingStatus
from jumelage.models import DISCLOSED_STATUSES, Pairing
from recrutement import services
from recrutement.enums import MatchRequestStatus
from recrutement.filters import ProjectFilter
from recrutement.forms import (
    ContributionForm,
    InterestForm,
    InvitationAccountForm,
    MatchRequestForm,
    ProjectForm,
    TeamInviteForm,
    TeamSignupForm,
)
from recrutement.models import Project, Team
from ruisss.roles import member_of, member_required, team_member_required

PAGE_SIZE = 20


def project_list(request):
    projects = (Project.objects.open().select_related("team")
                .prefetch_related("regions").order_by("-published_at", "-pk"))
    filterset = ProjectFilter(request.GET, queryset=projects)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "recrutement/projets.html", {
        "filter": filterset, "page": page, "query": query.urlencode(),
    })


def project_detail(request, pk):
    project = get_object_or_404(
        Project.objects.reachable_by(request.user).select_related("team__establishment")
        .prefetch_related("regions", "health_topics", "required_courses"), pk=pk)
    member = member_of(request.user)
    pairing = (Pairing.objects.filter(project=project, member=member).first()
               if member else None)
    return render(request, "recrutement/projet.html", {
        "project": project, "member": member, "pairing": pairing,
        "member_left": (services.MEMBER_LEFT if member is not None
                        and member.status not in MemberStatus.taking_part() else None),
        "interest_form": InterestForm(),
    })


@require_POST
@member_required
def project_interest(request, pk):
    member = member_of(request.user)
    project = get_object_or_404(Project.objects.open(), pk=pk)
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            services.project_express_interest(project=project, member=member,
                                              message=form.cleaned_data["message"])
        except services.RecruitmentError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Merci! La coordination a reçu votre intérêt pour ce "
                                        "projet et vous fera signe."))
    else:
        messages.error(request, _("Votre message est trop long (1 000 caractères au plus)."))
    return redirect("projet", pk=project.pk)


def team_signup(request):
    form = TeamSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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

def _own_project(request, pk):
    return get_object_or_404(Project.objects.visible_to(request.user)
                             .select_related("team"), pk=pk)


def _user_teams(user):
    return list(Team.objects.filter(memberships__user=user).select_related("establishment"))


@team_member_required
def team_space(request):
    teams = _user_teams(request.user)
    projects = (Project.objects.filter(team__in=teams).select_related("team")
                .annotate(open_requests=Count("match_requests", filter=Q(
                    match_requests__status=MatchRequestStatus.OPEN), distinct=True),
                          accepted=Count("pairings", filter=Q(
                              pairings__status__in=DISCLOSED_STATUSES), distinct=True))
                .order_by("-created_at"))
    return render(request, "recrutement/equipe.html", {
        "teams": teams, "projects": projects,
        "invite_forms": [(team, TeamInviteForm(auto_id=f"id_equipe{team.pk}_%s"))
                         for team in teams],
    })


@team_member_required
def team_project(request, pk):
    project = _own_project(request, pk)
    counts = project.pairings.aggregate(
        proposed=Count("pk", filter=Q(status=PairingStatus.PROPOSED)),
        invited=Count("pk", filter=Q(status=PairingStatus.APPROVED)),
        declined=Count("pk", filter=Q(status=PairingStatus.DECLINED)),
    )
    disclosed = (project.pairings.filter(status__in=DISCLOSED_STATUSES)
                 .select_related("member__user").order_by("answered_at", "pk"))
    requests = project.match_requests.order_by("-created_at")
    return render(request, "recrutement/equipe_projet.html", {
        "project": project, "counts": counts, "disclosed": disclosed, "requests": requests,
        "required_courses": project.required_courses.all(),
        "has_open_request": any(r.status == MatchRequestStatus.OPEN for r in requests),
        "request_form": MatchRequestForm(),
        "can_edit": project.status in services.EDITABLE_STATUSES,
        "can_submit": services.S.SUBMITTED in services.PROJECT_TRANSITIONS[project.status],
        "can_close": services.S.CLOSED in services.PROJECT_TRANSITIONS[project.status],
        "can_cancel": services.S.CANCELLED in services.PROJECT_TRANSITIONS[project.status],
        "can_request": project.status in (services.S.PUBLISHED, services.S.RECRUITING),
        "can_share": project.status in services.CONTRIBUTION_STATUSES,
    })


@team_member_required
def project_create(request):
    teams = _user_teams(request.user)
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
    project = _own_project(request, pk)
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
    project = _own_project(request, pk)
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
    project = _own_project(request, pk)
    copy = services.project_duplicate(project=project, created_by=request.user)
    messages.success(request, _("Voici la copie, en brouillon : modifiez-la puis "
                                "soumettez-la."))
    return redirect("equipe_projet", pk=copy.pk)


@team_member_required
def match_request_create(request, pk):
    project = _own_project(request, pk)
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


@team_member_required
def project_contribution(request, pk):
    project = _own_project(request, pk)
    form = ContributionForm(request.POST or None,
                            initial={"outcome": project.contribution_outcome})
    if request.method == "POST" and form.is_valid():
        try:
            services.project_contribution_share(project=project,
                                                outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Merci! Les membres qui ont participé au projet "
                                        "ont reçu ce texte."))
            return redirect("equipe_projet", pk=project.pk)
    return render(request, "recrutement/retombees_form.html", {"form": form,
                                                               "project": project})


@require_POST
@team_member_required
def team_invite(request, team_pk):
    team = get_object_or_404(Team.objects.visible_to(request.user), pk=team_pk)
    form = TeamInviteForm(request.POST)
    if form.is_valid():
        try:
            services.team_invite(team=team, invited_by=request.user, **form.cleaned_data)
        except services.RecruitmentError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("L'invitation est envoyée."))
    else:
        messages.error(request, _("Entrez un courriel valide pour inviter une personne."))
    return redirect("equipe")


def team_invitation(request, token):
    invitation = services.team_invitation_pending(token)
    if invitation is None:
        return render(request, "recrutement/invitation.html", {"invitation": None}, status=404)
    form = None if request.user.is_authenticated else InvitationAccountForm(
        request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
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

