from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from activites import phrases
from activites.models import Activity, ActivityDocument, Registration
from activites.services import registration_cancel, registration_create
from communaute import limits
from communaute.roles import is_coordinator, is_participant, participant_required
from formation.enums import EnrolmentStatus

PAST_SHOWN = 20


def activity_list(request):
    coming = Activity.objects.coming().with_places().select_related("region")
    past = (Activity.objects.past().select_related("region").exclude(summary="")
            .order_by("-starts_at")[:PAST_SHOWN])
    return render(request, "activites/liste.html", {"coming": coming, "past": past})


def _attended(activity, user) -> bool:
    return is_coordinator(user) or Registration.objects.owned_by(user).filter(
        activity=activity, status=EnrolmentStatus.ATTENDED).exists()


def activity_detail(request, slug):
    activity = get_object_or_404(Activity.objects.published().with_places()
                                 .select_related("region"), slug=slug)
    registration = next(iter(Registration.objects.owned_by(request.user)
                             .filter(activity=activity).placed_in_line()), None)
    attended = _attended(activity, request.user)
    return render(request, "activites/detail.html", {
        "activity": activity, "registration": registration,
        "participant": is_participant(request.user),
        # The online link is for the people who have a place (and the coordinators).
        "show_link": activity.online and (is_coordinator(request.user) or (
            registration is not None and registration.holds_place)),
        "documents": activity.documents.all() if attended else [],
    })


@require_POST
@participant_required
def register(request, slug):
    activity = get_object_or_404(Activity.objects.coming(), slug=slug)
    # Each registration e-mails its confirmation; registering and cancelling again would
    # not otherwise stop.
    refused = limits.refusal(request, action="activity_registration")
    if refused:
        messages.error(request, refused)
        return redirect(activity)
    try:
        registration = registration_create(activity=activity, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(activity)
    if registration.status == EnrolmentStatus.WAITING:
        [placed] = Registration.objects.filter(pk=registration.pk).placed_in_line()
        messages.warning(request, phrases.WAITING % {"position": placed.waiting_position})
    else:
        messages.success(request, phrases.REGISTERED)
    return redirect(activity)


@require_POST
@login_required
def cancel(request, pk):
    registration = get_object_or_404(
        Registration.objects.owned_by(request.user).select_related("activity"), pk=pk)
    try:
        registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, phrases.CANCELLED)
    return redirect(registration.activity)


def document_download(request, slug, pk):
    """A shared document, for the people who came (and the coordinators) only."""
    document = get_object_or_404(
        ActivityDocument.objects.filter(activity__published=True, activity__slug=slug)
        .select_related("activity"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _attended(document.activity, request.user):
        raise Http404
    filename = f"{slugify(document.title) or 'document'}.{document.file_type}"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=filename,
                        content_type=document.content_type)
