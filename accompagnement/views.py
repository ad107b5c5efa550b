from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accompagnement import services
from accompagnement.forms import (
    ChangeNoteForm,
    CommentForm,
    MessageForm,
    PhaseForm,
    SupportRequestForm,
)
from accompagnement.models import OPEN_SUPPORT_STATUSES, Phase, PlanAgreement, SupportRequest
from accompagnement.plans import current_version, partners
from communaute import limits
from communaute.roles import is_coordinator, member_of, team_member_required
from jumelage.models import ENGAGED_STATUSES
from recrutement.models import Project
from recrutement.views import team_project_or_404, teams_of


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Support requests ------------------------------------------------------------------------

def _team_requests(user):
    return (SupportRequest.objects.filter(team__memberships__user=user)
            .select_related("team", "project", "assigned_to"))


@team_member_required
def support_list(request):
    return render(request, "accompagnement/soutien_liste.html", {
        "requests": _team_requests(request.user).order_by("-created_at", "-pk"),
        "several_teams": len(teams_of(request.user)) > 1,
    })


@team_member_required
def support_create(request):
    teams = teams_of(request.user)
    form = SupportRequestForm(request.POST or None, teams=teams,
                              initial={"project": request.GET.get("projet")})
    status = 200
    if request.method == "POST" and form.is_valid():
        refused = limits.refusal(request, action="support_request")
        if refused:
            form.add_error(None, refused)
            status = 429
        else:
            data = form.cleaned_data
            try:
                support = services.support_request_create(
                    team=data["team"], created_by=request.user, kind=data["kind"],
                    needs=data["needs"], project=data["project"], due_on=data["due_on"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Votre demande de soutien est transmise à la "
                                            "coordination."))
                return redirect("accompagnement:soutien_detail", pk=support.pk)
    return render(request, "accompagnement/soutien_form.html", {"form": form}, status=status)


@team_member_required
def support_detail(request, pk):
    support = get_object_or_404(_team_requests(request.user), pk=pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        refused = limits.refusal(request, action="support_message")
        if refused:
            form.add_error(None, refused)
            status = 429
        else:
            try:
                services.support_message_post(request=support, author=request.user,
                                              body=form.cleaned_data["body"], from_team=True)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Votre message est transmis à la coordination."))
                return redirect("accompagnement:soutien_detail", pk=support.pk)
    return render(request, "accompagnement/soutien_detail.html", {
        "support": support, "form": form,
        "exchange": support.messages.select_related("author"),
        "is_open": support.status in OPEN_SUPPORT_STATUSES,
    }, status=status)


# Engagement plans ------------------------------------------------------------------------

def _readable_project(request, pk) -> Project:
    """The project whose plan the user may read: their team's, one they are engaged in
    as a partner, or any for a coordinator; 404 otherwise."""
    projects = Project.objects.select_related("team")
    if not is_coordinator(request.user):
        projects = projects.filter(
            Q(team__memberships__user=request.user)
            | Q(pairings__member__user=request.user,
                pairings__status__in=ENGAGED_STATUSES)).distinct()
    return get_object_or_404(projects, pk=pk)


def _phase_forms(request, version):
    lines = {line.phase_id: line for line in version.lines.all()} if version else {}
    phases = Phase.objects.filter(Q(active=True) | Q(pk__in=list(lines))).order_by(
        "position", "pk")
    forms = []
    for phase in phases:
        line = lines.get(phase.pk)
        initial = ({"continuum_step": line.continuum_step,
                    "partners_role": line.partners_role,
                    "expected_hours": line.expected_hours} if line else {})
        forms.append(PhaseForm(request.POST or None, phase=phase, initial=initial))
    return forms


@team_member_required
def plan_edit(request, pk):
    project = team_project_or_404(request, pk)
    if project.status not in services.PLANNABLE_STATUSES:
        messages.error(request, _("Ce projet est fermé ou annulé : son plan d'engagement ne "
                                  "change plus."))
        return redirect("equipe_projet", pk=project.pk)
    version = current_version(project)
    forms = _phase_forms(request, version)
    note_form = ChangeNoteForm(request.POST or None)
    error = None
    if request.method == "POST" and note_form.is_valid() and all(f.is_valid() for f in forms):
        lines = [line for line in (form.line() for form in forms) if line]
        try:
            saved = services.plan_save(project=project, lines=lines, by=request.user,
                                       change_note=note_form.cleaned_data["change_note"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if version is not None and saved.pk == version.pk:
                messages.info(request, _("Rien n'a changé : le plan reste à la version "
                                         "%(number)s.") % {"number": saved.number})
            else:
                messages.success(request, _("Le plan d'engagement est enregistré (version "
                                            "%(number)s). Les partenaires du projet peuvent "
                                            "le lire.") % {"number": saved.number})
            return redirect("accompagnement:plan", pk=project.pk)
    return render(request, "accompagnement/plan_form.html", {
        "project": project, "version": version, "forms": forms, "note_form": note_form,
        "error": error,
        "has_errors": error or note_form.errors or any(f.errors for f in forms),
    })


@login_required
def plan_detail(request, pk):
    project = _readable_project(request, pk)
    versions = list(project.engagement_plan.versions.select_related("created_by")
                    .order_by("-number")) if hasattr(project, "engagement_plan") else []
    is_team = project.team.memberships.filter(user=request.user).exists()
    if not versions and is_team:
        return redirect("accompagnement:plan_modifier", pk=project.pk)
    shown = versions[0] if versions else None
    asked = request.GET.get("version")
    if asked:
        shown = next((v for v in versions if str(v.number) == asked), None)
        if shown is None:
            raise Http404
    member = member_of(request.user)
    partner = member is not None and partners(project).filter(pk=member.pk).exists()
    current = versions[0] if versions else None
    agreed = (partner and current is not None
              and PlanAgreement.objects.filter(version=current, member=member).exists())
    return render(request, "accompagnement/plan.html", {
        "project": project, "version": shown, "current": current, "versions": versions,
        "lines": shown.lines.select_related("phase") if shown else [],
        "comments": (shown.comments.select_related("author") if shown else []),
        "agreements": (shown.agreements.select_related("member__user") if shown else []),
        "is_team": is_team, "can_change": project.status in services.PLANNABLE_STATUSES,
        "is_partner": partner, "agreed": agreed, "comment_form": CommentForm(),
    })


@require_POST
@login_required
def plan_comment(request, pk):
    project = _readable_project(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("accompagnement:plan", pk=project.pk)
    refused = limits.refusal(request, action="plan_comment")
    if refused:
        messages.error(request, refused)
        return redirect("accompagnement:plan", pk=project.pk)
    try:
        services.plan_comment(project=project, author=request.user,
                              body=form.cleaned_data["body"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Votre commentaire est ajouté au plan."))
    return redirect("accompagnement:plan", pk=project.pk)


@require_POST
@login_required
def plan_agree(request, pk):
    project = _readable_project(request, pk)
    try:
        services.plan_agree(project=project, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Merci! L'équipe sait que vous êtes d'accord avec ce "
                                    "plan."))
    return redirect("accompagnement:plan", pk=project.pk)
