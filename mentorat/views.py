from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communaute.roles import member_of, member_required
from mentorat import services
from mentorat.enums import MentoringRequestStatus, Side
from mentorat.forms import AskForm, CheckInForm, HoursForm, OfferForm
from mentorat.models import CheckIn, Mentoring, MentoringRequest, MentorOffer
from mentorat.phrases import factor_sentences


def _mentoring(request, pk) -> Mentoring:
    """A mentoring of the member's, once the coordinators invited them; 404 otherwise."""
    member = member_of(request.user)
    return get_object_or_404(
        Mentoring.objects.of_member(member).exclude(status="propose")
        .select_related("mentor__user", "newcomer__user", "mentor__region",
                        "newcomer__region", "request"), pk=pk)


def _own_check_ins(member):
    """The check-ins a member answers: their own side's."""
    return CheckIn.objects.filter(Q(side=Side.MENTOR, mentoring__mentor=member)
                                  | Q(side=Side.NEWCOMER, mentoring__newcomer=member))


def _error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@member_required
def space(request):
    member = member_of(request.user)
    offer = MentorOffer.objects.filter(member=member).first()
    open_request = MentoringRequest.objects.filter(
        member=member, status=MentoringRequestStatus.OPEN).first()
    mentorings = (Mentoring.objects.of_member(member).exclude(status="propose")
                  .select_related("mentor__user", "newcomer__user", "mentor__region",
                                  "newcomer__region", "request", "mentor__mentor_offer")
                  .annotate(total_hours=Sum("hours__hours")).order_by("-approved_at", "-pk"))
    rows = []
    for mentoring in mentorings:
        side = mentoring.side_of(member)
        other = mentoring.newcomer if side == Side.MENTOR else mentoring.mentor
        rows.append({"mentoring": mentoring, "side": side, "other": other,
                     "is_mentor": side == Side.MENTOR,
                     "answered": mentoring.accepted_by(side),
                     "sentences": factor_sentences(mentoring.factors),
                     "hours_form": HoursForm(initial={"worked_on": timezone.localdate()},
                                             prefix=f"m{mentoring.pk}")})
    return render(request, "mentorat/espace.html", {
        "member": member, "offer": offer, "open_request": open_request, "rows": rows,
        "check_ins": _own_check_ins(member).filter(answered_at__isnull=True),
        "offer_form": OfferForm(initial={"capacity": offer.capacity, "note": offer.note}
                                if offer else None),
        "ask_form": AskForm(),
    })


@require_POST
@member_required
def offer(request):
    form = OfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("mentorat:espace")
    try:
        services.mentor_offer_save(member=member_of(request.user), **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Merci! La coordination pourra vous proposer comme "
                                    "personne mentor."))
    return redirect("mentorat:espace")


@require_POST
@member_required
def offer_withdraw(request):
    services.mentor_offer_withdraw(member=member_of(request.user))
    messages.success(request, _("Votre offre est retirée : on ne vous proposera plus de "
                                "nouveau mentorat."))
    return redirect("mentorat:espace")


@require_POST
@member_required
def ask(request):
    form = AskForm(request.POST)
    if form.is_valid():
        services.mentoring_request_create(member=member_of(request.user),
                                          note=form.cleaned_data["note"])
        messages.success(request, _("Votre demande est transmise à la coordination, qui "
                                    "vous proposera une personne mentor."))
    else:
        messages.error(request, _("Votre message est trop long (2 000 caractères au plus)."))
    return redirect("mentorat:espace")


@require_POST
@member_required
def ask_withdraw(request):
    mentoring_request = get_object_or_404(MentoringRequest, member=member_of(request.user),
                                          status=MentoringRequestStatus.OPEN)
    services.mentoring_request_withdraw(request=mentoring_request)
    messages.success(request, _("Votre demande de mentorat est retirée."))
    return redirect("mentorat:espace")


@require_POST
@member_required
def accept(request, pk):
    mentoring = _mentoring(request, pk)
    try:
        mentoring = services.mentoring_accept(mentoring=mentoring,
                                              member=member_of(request.user))
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Le mentorat est confirmé : vous voyez maintenant les "
                                    "coordonnées de l'autre personne.")
                         if mentoring.contacts_visible else
                         _("Merci! Vous verrez les coordonnées de l'autre personne dès "
                           "qu'elle aura accepté à son tour."))
    return redirect("mentorat:espace")


@require_POST
@member_required
def decline(request, pk):
    mentoring = _mentoring(request, pk)
    try:
        services.mentoring_decline(mentoring=mentoring, member=member_of(request.user))
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Votre réponse est enregistrée. Merci de nous l'avoir "
                                    "dit."))
    return redirect("mentorat:espace")


@require_POST
@member_required
def hours(request, pk):
    mentoring = _mentoring(request, pk)
    form = HoursForm(request.POST, prefix=f"m{mentoring.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("mentorat:espace")
    try:
        services.mentoring_hours_declare(mentoring=mentoring, member=member_of(request.user),
                                         **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Vos heures de mentorat sont ajoutées à votre "
                                    "attestation d'implication."))
    return redirect("mentorat:espace")


@member_required
def check_in(request, pk):
    member = member_of(request.user)
    item = get_object_or_404(_own_check_ins(member).select_related("mentoring"), pk=pk)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and item.answered_at is None and form.is_valid():
        try:
            services.check_in_answer(check_in=item, member=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Merci! La coordination lira votre bilan."))
            return redirect("mentorat:espace")
    return render(request, "mentorat/bilan.html", {"check_in": item, "form": form})
