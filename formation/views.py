from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from communaute import limits
from communaute.roles import is_participant, participant_required
from formation import phrases
from formation.enums import EnrolmentStatus
from formation.filters import CourseFilter
from formation.forms import DeclarationForm
from formation.models import Completion, Course, Enrolment, Session
from formation.services import completion_declare, enrolment_cancel, enrolment_create
from formation.signals import CATALOGUE, CATALOGUE_TIMEOUT
from ruisss import fragments


def _next_or(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


def catalogue(request):
    """The catalogue is the same for every visitor asking for the same valid filters: its
    rendering is shared until a course, a session or an enrolment changes
    (formation/signals.py), and for a minute at most, since sessions start."""
    filters = CourseFilter(request.GET, queryset=Course.objects.catalogue())

    def render_listing():
        return render_to_string("formation/_catalogue.html", {"filters": filters},
                                request=request)

    if filters.form.is_valid():
        parts = sorted((name, value) for name, value in filters.form.cleaned_data.items()
                       if value)
        listing = fragments.cached(CATALOGUE, versions=(CATALOGUE,), parts=parts,
                                   render=render_listing, timeout=CATALOGUE_TIMEOUT)
    else:
        listing = render_listing()
    return render(request, "formation/catalogue.html", {"listing": mark_safe(listing)})


def course_detail(request, slug):
    course = get_object_or_404(Course.objects.catalogue().prefetch_related("prerequisites"),
                               slug=slug)
    mine, completion = {}, None
    if request.user.is_authenticated:
        mine = {e.session_id: e for e in Enrolment.objects.owned_by(request.user)
                .filter(session__course=course).placed_in_line()}
        completion = Completion.objects.filter(course=course, user=request.user).first()
    sessions = [(session, mine.get(session.pk)) for session in course.coming_sessions]
    return render(request, "formation/detail.html", {
        "course": course, "sessions": sessions, "completion": completion,
        "participant": is_participant(request.user),
        "welcome": course.welcomes(request.user),
        "other_audience": phrases.OTHER_AUDIENCE.get(course.audience),
        "resources": course.resources.visible_to(request.user),
    })


@require_POST
@participant_required
def enrol(request, pk):
    session = get_object_or_404(Session.objects.coming(), pk=pk)
    # Each enrolment e-mails its confirmation; enrolling and cancelling again would not
    # otherwise stop.
    refused = limits.refusal(request, action="enrolment")
    if refused:
        messages.error(request, refused)
        return redirect(session.course)
    try:
        enrolment = enrolment_create(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(session.course)
    if enrolment.status == EnrolmentStatus.WAITING:
        [placed] = Enrolment.objects.filter(pk=enrolment.pk).placed_in_line()
        messages.warning(request, phrases.WAITING % {"position": placed.waiting_position})
    else:
        messages.success(request, phrases.ENROLLED)
    return redirect(session.course)


@require_POST
@login_required
def cancel(request, pk):
    enrolment = get_object_or_404(
        Enrolment.objects.owned_by(request.user).select_related("session__course"), pk=pk)
    try:
        enrolment_cancel(enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, phrases.CANCELLED)
    return _next_or(request, enrolment.session.course)


@participant_required
def declare(request):
    form = DeclarationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            completion_declare(course=form.cleaned_data["course"], user=request.user)
        except ValidationError as error:
            form.add_error("course", error)
        else:
            messages.success(request, phrases.DECLARED)
            return _next_or(request, "espace")
    return render(request, "formation/declaration.html", {"form": form})


@login_required
def attestation(request, pk):
    completion = get_object_or_404(
        Completion.objects.confirmed().visible_to(request.user)
        .select_related("course", "user", "confirmed_by"), pk=pk)
    return render(request, "formation/attestation.html", {"completion": completion})
