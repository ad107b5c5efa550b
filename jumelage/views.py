from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from communaute.enums import ConsentKind
from communaute.services import has_consent
from jumelage import services
from jumelage.enums import PairingStatus
from jumelage.forms import AcceptForm, DeclineForm, ObservationForm
from jumelage.models import Pairing
from jumelage.phrases import factor_sentences
from ruisss.roles import member_required


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
        "can_answer": pairing.status == PairingStatus.APPROVED,
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
    if request.method == "POST" and form.is_valid():
        services.observation_send(pairing=pairing, message=form.cleaned_data["message"])
        messages.success(request, _("Votre observation est transmise à la coordination."))
        return redirect("jumelage:invitation", pk=pairing.pk)
    return render(request, "jumelage/repondre.html", {
        "pairing": pairing, "form": form,
        "title": _("Envoyer une observation à la coordination"),
        "submit": _("Envoyer l'observation"),
    })
