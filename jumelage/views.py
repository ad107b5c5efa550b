from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communaute import limits
from communaute.enums import ConsentKind, MemberStatus
from communaute.models import Member
from communaute.roles import coordinator_required, member_of, member_required, team_member_required
from communaute.services import has_consent
from jumelage import recognition, services
from jumelage.enums import EvaluationSide, PairingStatus
from jumelage.forms import (
    AcceptForm,
    ContestForm,
    DeclineForm,
    EvaluationForm,
    HoursForm,
    ObservationForm,
)
from jumelage.models import (
    DISCLOSED_STATUSES,
    HOURS_STATUSES,
    Evaluation,
    HoursDeclaration,
    Pairing,
)
from jumelage.phrases import factor_sentences, points_sentence
from recrutement import services as recruitment
from recrutement.enums import MatchRequestStatus
from recrutement.forms import ContributionForm, InterestForm, MatchRequestForm, TeamInviteForm
from recrutement.models import Project
from recrutement.services import CONTRIBUTION_STATUSES, RecruitmentError
from recrutement.signals import CATALOGUE
from recrutement.views import team_project_or_404, teams_of
from ruisss import fragments

PUBLIC_PROJECT = "projet-public"


def _invitation(request, pk) -> Pairing:
    return get_object_or_404(
        Pairing.objects.invitations_of(request.user).select_related("project__team"), pk=pk)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@member_required
def invitation_detail(request, pk):
    pairing = _invitation(request, pk)
    return render(request, "jumelage/invitation.html", {
        "pairing": pairing, "project": pairing.project,
        "sentences": factor_sentences(pairing.factors),
        "points": (points_sentence(pairing.points, pairing.points_max, pairing.score)
                   if pairing.points_max is not None else ""),
        "can_answer": pairing.status == PairingStatus.APPROVED,
        "can_declare_hours": pairing.status in HOURS_STATUSES,
    })


@member_required
def invitation_accept(request, pk):
    pairing = _invitation(request, pk)
    needs = not has_consent(pairing.member, ConsentKind.CONFIDENTIALITY)
    form = AcceptForm(request.POST if request.method == "POST" else None,
                      needs_confidentiality=needs)
    if request.method == "POST" and form.is_valid():
        try:
            services.pairing_accept(pairing=pairing, confidentiality=form.cleaned_data.get(
                "confidentialite", False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Merci! L'équipe est avertie et prendra contact avec "
                                        "vous."))
            return redirect("jumelage:invitation", pk=pairing.pk)
    return render(request, "jumelage/repondre.html", {
        "pairing": pairing, "form": form, "title": _("Accepter l'invitation"),
        "submit": _("J'accepte de participer"),
    })


@member_required
def invitation_decline(request, pk):
    pairing = _invitation(request, pk)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pairing_decline(pairing=pairing, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Votre réponse est enregistrée. Merci de nous l'avoir "
                                        "dit."))
            return redirect("jumelage:invitation", pk=pairing.pk)
    return render(request, "jumelage/repondre.html", {
        "pairing": pairing, "form": form, "title": _("Décliner l'invitation"),
        "submit": _("Je décline l'invitation"),
    })


@member_required
def invitation_observation(request, pk):
    pairing = _invitation(request, pk)
    form = ObservationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Each observation is e-mailed to every coordinator.
        refused = limits.refusal(request, action="observation")
        if not refused:
            services.observation_send(pairing=pairing, message=form.cleaned_data["message"])
            messages.success(request, _("Votre observation est transmise à la coordination."))
            return redirect("jumelage:invitation", pk=pairing.pk)
        form.add_error(None, refused)
        status = 429
    return render(request, "jumelage/repondre.html", {
        "pairing": pairing, "form": form,
        "title": _("Envoyer une observation à la coordination"),
        "submit": _("Envoyer l'observation"),
    }, status=status)


# Recognition and evaluation ---------------------------------------------------------------

def _own_engagement(request, pk, statuses) -> Pairing:
    return get_object_or_404(Pairing.objects.filter(member__user=request.user,
                                                    status__in=statuses)
                             .select_related("project__team"), pk=pk)


def _team_engagement(request, pk) -> Pairing:
    return get_object_or_404(Pairing.objects.of_team_member(request.user)
                             .filter(status=PairingStatus.ENDED)
                             .select_related("project__team", "member__user"), pk=pk)


@member_required
def hours_declare(request, pk):
    pairing = _own_engagement(request, pk, HOURS_STATUSES)
    data = request.POST if request.method == "POST" else None
    form = HoursForm(data, initial={"worked_on": timezone.localdate()},
                     ask_confirmation="confirm_unusual" in (data or {}))
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_declare(pairing=pairing, **form.cleaned_data)
        except ValidationError as error:
            if "confirm_unusual" not in form.fields and "confirm_unusual" in getattr(
                    error, "error_dict", {}):
                form = HoursForm(data, ask_confirmation=True)
                form.is_valid()
            _add_errors(form, error)
        else:
            messages.success(request, _("Vos heures sont déclarées; l'équipe les confirmera."))
            return redirect("jumelage:heures", pk=pairing.pk)
    return render(request, "jumelage/heures.html", {
        "pairing": pairing, "form": form,
        "declarations": pairing.hours_declarations.select_related("confirmed_by"),
    })


def _team_declaration(request, pk) -> HoursDeclaration:
    return get_object_or_404(
        HoursDeclaration.objects.filter(
            pairing__in=Pairing.objects.of_team_member(request.user)), pk=pk)


@require_POST
@team_member_required
def hours_confirm(request, pk):
    declaration = _team_declaration(request, pk)
    services.hours_confirm(declaration=declaration, by=request.user)
    messages.success(request, _("Les heures sont confirmées."))
    return redirect("equipe_projet", pk=declaration.pairing.project_id)


@require_POST
@team_member_required
def hours_contest(request, pk):
    declaration = _team_declaration(request, pk)
    form = ContestForm(request.POST)
    back = redirect("equipe_projet", pk=declaration.pairing.project_id)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return back
    try:
        services.hours_contest(declaration=declaration, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Les heures sont contestées; le membre a reçu votre "
                                    "raison par courriel."))
    return back


def _evaluation(request, pairing, side, back_url):
    evaluation = Evaluation.objects.filter(pairing=pairing, side=side).first()
    submitted = evaluation is not None and evaluation.submitted_at is not None
    initial = {} if evaluation is None else {
        "satisfaction": evaluation.satisfaction, "what_worked": evaluation.what_worked,
        "effect": evaluation.effect}
    form = EvaluationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and not submitted and form.is_valid():
        submit = "envoyer" in request.POST
        try:
            services.evaluation_save(pairing=pairing, side=side, by=request.user,
                                     submit=submit, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Merci! Vos réponses sont envoyées.") if submit
                             else _("Vos réponses sont enregistrées; vous pourrez les "
                                    "modifier avant de les envoyer."))
            return redirect(back_url if submit else request.path)
    return render(request, "jumelage/evaluation.html", {
        "pairing": pairing, "form": form, "submitted": submitted, "evaluation": evaluation,
        "for_team": side == EvaluationSide.TEAM, "back_url": back_url,
    })


@member_required
def evaluation_member(request, pk):
    pairing = _own_engagement(request, pk, [PairingStatus.ENDED])
    return _evaluation(request, pairing, EvaluationSide.MEMBER, reverse("espace"))


@team_member_required
def evaluation_team(request, pk):
    pairing = _team_engagement(request, pk)
    return _evaluation(request, pairing, EvaluationSide.TEAM,
                       reverse("equipe_projet", args=[pairing.project_id]))


def _attestation(request, member):
    engagements = (Pairing.objects.filter(member=member, status__in=DISCLOSED_STATUSES)
                   .with_hours().select_related("project__team__establishment")
                   .order_by("started_at", "answered_at", "pk"))
    contributions = recognition.contributions_of(member)
    total = (sum((pairing.confirmed_hours or 0) for pairing in engagements)
             + sum(contribution.hours for contribution in contributions))
    return render(request, "jumelage/attestation.html", {
        "member": member, "engagements": engagements, "contributions": contributions,
        "total": total,
        "today": timezone.localdate(),
    })


@member_required
def attestation(request):
    return _attestation(request, member_of(request.user))


@coordinator_required
def attestation_for_member(request, member_pk):
    return _attestation(request, get_object_or_404(Member.objects.select_related("user"),
                                                   pk=member_pk))


def _project_page(user, *details):
    """The projects whose page `user` may open, with what the page's sheet shows."""
    return (Project.objects.reachable_by(user).select_related("team", "engagement_plan")
            .prefetch_related("regions", *details))


def _public_project(request, pk) -> tuple[str, str]:
    """The title and the description sheet of an open project, as a visitor who is not
    signed in sees them (neither topics nor required trainings)."""
    project = get_object_or_404(_project_page(request.user), pk=pk)
    return project.title, render_to_string("jumelage/_projet_fiche.html", {
        "project": project, "resources": project.resources.visible_to(request.user)})


def project_detail(request, pk):
    if not request.user.is_authenticated:
        # Shared by every visitor who is not signed in, until the project, its team, its
        # regions, its resources or its engagement plan change (recrutement/signals.py).
        title, fiche = fragments.cached(
            PUBLIC_PROJECT, versions=(CATALOGUE,), parts=(pk,),
            render=lambda: _public_project(request, pk))
        return render(request, "jumelage/projet.html", {"title": title, "fiche": fiche})
    project = get_object_or_404(
        _project_page(request.user, "health_topics", "required_courses"), pk=pk)
    member = member_of(request.user)
    pairing = (Pairing.objects.filter(project=project, member=member).first()
               if member else None)
    return render(request, "jumelage/projet.html", {
        "project": project, "title": project.title, "member": member, "pairing": pairing,
        "member_left": (services.MEMBER_LEFT if member is not None
                        and member.status not in MemberStatus.taking_part() else None),
        "interest_form": InterestForm(),
        "resources": project.resources.visible_to(request.user),
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
        except RecruitmentError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Merci! La coordination a reçu votre intérêt pour ce "
                                        "projet et vous fera signe."))
    else:
        messages.error(request, _("Votre message est trop long (1 000 caractères au plus)."))
    return redirect("projet", pk=project.pk)


@team_member_required
def team_space(request):
    teams = teams_of(request.user)
    projects = (Project.objects.filter(team__in=teams).select_related("team")
                .annotate(open_requests=Count("match_requests", filter=Q(
                    match_requests__status=MatchRequestStatus.OPEN), distinct=True),
                          accepted=Count("pairings", filter=Q(
                              pairings__status__in=DISCLOSED_STATUSES), distinct=True))
                .order_by("-created_at"))
    return render(request, "jumelage/equipe.html", {
        "teams": teams, "projects": projects,
        "invite_forms": [(team, TeamInviteForm(auto_id=f"id_equipe{team.pk}_%s"))
                         for team in teams],
    })


@team_member_required
def team_project(request, pk):
    project = team_project_or_404(request, pk)
    counts = project.pairings.aggregate(
        proposed=Count("pk", filter=Q(status=PairingStatus.PROPOSED)),
        invited=Count("pk", filter=Q(status=PairingStatus.APPROVED)),
        declined=Count("pk", filter=Q(status=PairingStatus.DECLINED)),
    )
    disclosed = (project.pairings.filter(status__in=DISCLOSED_STATUSES)
                 .select_related("member__user").order_by("answered_at", "pk"))
    requests = project.match_requests.order_by("-created_at")
    return render(request, "jumelage/equipe_projet.html", {
        "project": project, "counts": counts, "disclosed": disclosed, "requests": requests,
        "required_courses": project.required_courses.all(),
        "has_open_request": any(r.status == MatchRequestStatus.OPEN for r in requests),
        "request_form": MatchRequestForm(),
        "can_edit": project.status in recruitment.EDITABLE_STATUSES,
        "can_submit": recruitment.S.SUBMITTED in recruitment.PROJECT_TRANSITIONS[project.status],
        "can_close": recruitment.S.CLOSED in recruitment.PROJECT_TRANSITIONS[project.status],
        "can_cancel": recruitment.S.CANCELLED in recruitment.PROJECT_TRANSITIONS[project.status],
        "can_request": project.status in (recruitment.S.PUBLISHED, recruitment.S.RECRUITING),
        "can_share": project.status in CONTRIBUTION_STATUSES,
    })


@team_member_required
def project_contribution(request, pk):
    project = team_project_or_404(request, pk)
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
    return render(request, "jumelage/retombees_form.html", {"form": form,
                                                               "project": project})
