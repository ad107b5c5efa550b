import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communaute import limits, services
from communaute.enums import ConsentKind
from communaute.forms import (
    JOIN_STEPS,
    ConfidentialityForm,
    ConfirmForm,
    ConsentChangeForm,
    PauseForm,
    ProfileMemberForm,
    ProfileUserForm,
)
from communaute.personal_data import personal_data, personal_data_sections
from communaute.phrases import CONSENT_TEXTS
from communaute.roles import member_of, member_required

SESSION_KEY = services.JOIN_DRAFT_SESSION_KEY
# Set once a join is sent, so that a second click on "send" gets the same answer.
SENT_KEY = "adhesion_envoyee"
STEP_SLUGS = [slug for slug, _title, _form in JOIN_STEPS]


def _posted(request):
    """The POST data, even empty (an unticked box sends nothing), or None on GET."""
    return request.POST if request.method == "POST" else None


def _draft(request) -> dict:
    draft = request.session.get(SESSION_KEY)
    if draft is None or services.join_draft_is_stale(draft):
        request.session.pop(SESSION_KEY, None)
        return {"steps": {}, "password_hash": ""}
    return draft


def _step_form(index: int, draft: dict, user, data=None):
    slug, _title, form_class = JOIN_STEPS[index]
    kwargs = {}
    if slug == "compte":
        kwargs["password_kept"] = bool(draft["password_hash"])
        if user.is_authenticated:
            kwargs["user"] = user
    if data is None and slug in draft["steps"]:
        data = MultiValueDict(draft["steps"][slug])
    return form_class(data=data, **kwargs)


def _display(form, name) -> str:
    field = form.fields[name]
    value = form.cleaned_data.get(name)
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if value in (None, "", []):
        return "—"
    choices = dict(getattr(field, "choices", []) or [])
    values = value if isinstance(value, (list, tuple)) or hasattr(value, "model") else [value]
    return ", ".join(str(choices.get(v, v)) for v in values)


def _review(forms) -> list[dict]:
    hidden = {"password1", "password2", "site_web"}
    return [{"title": title, "slug": slug,
             "answers": [(form.fields[name].label, _display(form, name))
                         for name in form.fields if name not in hidden]}
            for (slug, title, _form), form in zip(JOIN_STEPS, forms, strict=False)]


def join(request, step: str = "compte"):
    if member_of(request.user) is not None:
        messages.info(request, _("Vous êtes déjà membre : votre espace est ci-dessous."))
        return redirect("espace")
    if step not in STEP_SLUGS:
        raise Http404
    index = STEP_SLUGS.index(step)
    draft = _draft(request)
    missing = next((i for i, slug in enumerate(STEP_SLUGS[:index])
                    if slug not in draft["steps"]), None)
    if missing is not None:
        if request.method == "POST" and request.session.get(SENT_KEY):
            return redirect("rejoindre_merci")
        return redirect("rejoindre_etape", step=STEP_SLUGS[missing])

    if request.method == "POST":
        form = _step_form(index, draft, request.user, data=request.POST)
        if hasattr(form, "is_spam") and form.is_spam():
            request.session.pop(SESSION_KEY, None)
            return redirect("rejoindre_merci")
        if form.is_valid():
            if step == "compte" and form.cleaned_data.get("password1"):
                draft["password_hash"] = make_password(form.cleaned_data["password1"])
            draft["steps"][step] = {name: request.POST.getlist(name) for name in form.fields
                                    if name not in ("password1", "password2", "site_web")}
            draft["saved_at"] = timezone.now().isoformat()
            request.session[SESSION_KEY] = draft
            if index + 1 < len(JOIN_STEPS):
                return redirect("rejoindre_etape", step=STEP_SLUGS[index + 1])
            return _join_finish(request, draft, form)
    else:
        form = _step_form(index, draft, request.user)
    return _join_render(request, index, form, draft)


def _join_render(request, index, form, draft, status=200):
    review = None
    if STEP_SLUGS[index] == "consentements":
        earlier = [_step_form(i, draft, request.user) for i in range(index)]
        review = _review([f for f in earlier if f.is_valid()])
    return render(request, "communaute/rejoindre.html", {
        "form": form, "steps": JOIN_STEPS, "index": index, "number": index + 1,
        "total": len(JOIN_STEPS), "title": JOIN_STEPS[index][1],
        "previous": STEP_SLUGS[index - 1] if index else None, "review": review,
        "is_last": index + 1 == len(JOIN_STEPS),
    }, status=status)


def _join_finish(request, draft, last_form):
    forms = [_step_form(i, draft, request.user) for i in range(len(JOIN_STEPS) - 1)]
    for index, form in enumerate(forms):
        if not form.is_valid():
            messages.error(request, _("Une réponse de cette étape doit être corrigée."))
            return redirect("rejoindre_etape", step=STEP_SLUGS[index])
    account, who, lived, wants, experience = (form.cleaned_data for form in forms)
    refused = limits.refusal(request, action="signup", to=None if request.user.is_authenticated
                             else account["email"])
    if refused:
        last_form.add_error(None, refused)
        return _join_render(request, len(JOIN_STEPS) - 1, last_form, draft, status=429)
    profile = {"contact_channel": account["contact_channel"]}
    for part in (who, wants, experience):
        profile.update(part)
    profile.update({name: lived[name] for name in ("care_trajectories", "lived_experience")})
    identity = {name: account[name] for name in
                ("display_name", "legal_name", "preferred_language", "phone")}
    consents = {ConsentKind.MATCHING: last_form.cleaned_data["consent_matching"],
                ConsentKind.SENSITIVE: lived["consent_sensitive"],
                ConsentKind.NEWS: last_form.cleaned_data["consent_news"]}
    health_topics = list(lived["health_topics"])
    if request.user.is_authenticated:
        services.member_join(user=request.user, profile=profile,
                             health_topics=health_topics, consents=consents,
                             wishes=last_form.wishes_ticked(), **identity)
        messages.success(request, _("Merci, votre inscription est envoyée. Votre profil "
                                    "est « en attente » : la coordination le regarde, "
                                    "puis vous écrit."))
        request.session.pop(SESSION_KEY, None)
        return redirect("espace")
    services.member_register(
        request=request, email=account["email"], password_hash=draft["password_hash"],
        profile=profile, health_topics=health_topics, consents=consents,
        wishes=last_form.wishes_ticked(), **identity)
    request.session.pop(SESSION_KEY, None)
    request.session[SENT_KEY] = True
    return redirect("rejoindre_merci")


def join_done(request):
    return render(request, "communaute/rejoindre_merci.html")


def privacy(request):
    return render(request, "communaute/confidentialite.html",
                  {"join_draft_days": services.JOIN_DRAFT_LIFETIME.days})


@login_required
def space(request):
    member = member_of(request.user)
    return render(request, "communaute/espace.html", {
        "member": member, "today": timezone.localdate(),
        "confidentiality_accepted": member is not None and member.consent_confidentiality,
    })


@member_required
def profile_edit(request):
    member = member_of(request.user)
    user_form = ProfileUserForm(_posted(request), instance=request.user, prefix="compte")
    member_form = ProfileMemberForm(_posted(request), instance=member, prefix="profil")
    if request.method == "POST" and user_form.is_valid() and member_form.is_valid():
        member_data = {name: value for name, value in member_form.cleaned_data.items()
                       if name != "health_topics"}
        services.member_profile_update(
            member=member, user_fields=user_form.cleaned_data, member_fields=member_data,
            health_topics=member_form.cleaned_data.get("health_topics"))
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("espace")
    return render(request, "communaute/profil.html",
                  {"user_form": user_form, "member_form": member_form})


@member_required
def pause(request):
    form = PauseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.member_pause(member=member_of(request.user), until=form.cleaned_data["until"])
        messages.success(request, _("Vous êtes en pause : aucune proposition d'ici là."))
        return redirect("espace")
    return render(request, "communaute/pause.html", {"form": form})


@require_POST
@member_required
def resume(request):
    services.member_resume(member=member_of(request.user))
    messages.success(request, _("Votre pause est terminée."))
    return redirect("espace")


@member_required
def withdraw(request):
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.member_withdraw(member=member_of(request.user))
        messages.success(request, _("Vous vous êtes retiré(e) de la communauté. Vous ne "
                                    "serez plus proposé(e) pour des projets."))
        return redirect("espace")
    return render(request, "communaute/retrait.html", {"form": form})


@member_required
def consents(request):
    member = member_of(request.user)
    if request.method == "POST":
        form = ConsentChangeForm(request.POST)
        if form.is_valid():
            services.consent_change(member=member, kind=form.cleaned_data["kind"],
                                    given=form.cleaned_data["given"])
            messages.success(request, _("Votre choix est enregistré et prend effet "
                                        "immédiatement."))
        return redirect("consentements")
    rows = [{"kind": kind, "label": ConsentKind(kind).label, "text": CONSENT_TEXTS[kind],
             "given": getattr(member, flag)}
            for kind, flag in services.CONSENT_FLAGS.items()]
    history = member.consents.select_related("recorded_by")
    return render(request, "communaute/consentements.html",
                  {"rows": rows, "history": history})


@member_required
def confidentiality(request):
    member = member_of(request.user)
    accepted = services.has_consent(member, ConsentKind.CONFIDENTIALITY)
    form = ConfidentialityForm(_posted(request))
    if request.method == "POST" and not accepted and form.is_valid():
        services.consent_change(member=member, kind=ConsentKind.CONFIDENTIALITY, given=True)
        messages.success(request, _("Merci : votre engagement à la confidentialité est "
                                    "enregistré."))
        return redirect("espace")
    return render(request, "communaute/engagement_confidentialite.html",
                  {"form": form, "accepted": accepted})


@login_required
def my_data(request):
    data = personal_data(request.user)
    return render(request, "communaute/mes_donnees.html",
                  {"sections": personal_data_sections(data)})


@login_required
def my_data_json(request):
    body = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False,
                      indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-ruisss.json"'
    return response


@login_required
def account_delete(request):
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Votre compte est supprimé et vos renseignements "
                                    "personnels sont effacés."))
        return redirect(reverse("accueil"))
    return render(request, "communaute/supprimer.html", {"form": form})
