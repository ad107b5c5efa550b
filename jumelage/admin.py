from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communaute.admin import MemberAdmin
from communaute.models import Member
from communaute.roles import is_coordinator
from formation.admin import CompletedCourseFilter
from jumelage import engine, services
from jumelage.forms import ApproveForm
from jumelage.models import (
    HOURS_STATUSES,
    CompensationPayment,
    HoursDeclaration,
    MatchingConfig,
    MatchRequestToPair,
    Observation,
    Pairing,
)
from jumelage.phrases import FOR_COORDINATION, RULE_SENTENCES, factor_sentences, points_sentence
from recrutement.enums import Compensation
from recrutement.models import MatchRequest
from ruisss import fragments
from ruisss.admin_actions import apply_to_selected
from ruisss.dates import PlausibleDatesAdmin
from ruisss.numbers import DecimalCommaAdmin

CANDIDATE_ROWS = "candidats-lignes"


class HoursDeclarationInline(PlausibleDatesAdmin, admin.TabularInline):
    model = HoursDeclaration
    extra = 0
    can_delete = False
    fields = ["worked_on", "hours", "unusual", "note", "declared_at", "confirmed_at",
              "confirmed_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class CompensationPaymentInline(PlausibleDatesAdmin, admin.TabularInline):
    model = CompensationPayment
    extra = 0
    can_delete = False
    fields = ["paid_on", "amount", "note", "recorded_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pairing)
class PairingAdmin(DecimalCommaAdmin, PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["member", "project", "status", "score", "origin", "proposed_at"]
    list_filter = ["status", "origin"]
    list_select_related = ["member__user", "project"]
    search_fields = ["member__user__display_name__unaccent", "project__title__unaccent"]
    readonly_fields = ["status", "score", "points", "points_max", "engine_version", "inputs",
                       "factors", "approved_by",
                       "approved_at", "answered_at", "started_at", "ended_at"]
    actions = ["activate", "pause", "resume", "end", "cancel"]
    inlines = [HoursDeclarationInline, CompensationPaymentInline]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Commencer maintenant (avant la date de début du projet)"))
    def activate(self, request, queryset):
        apply_to_selected(self, request, queryset, services.pairing_activate,
                          _("Jumelages activés : %(count)s."), argument="pairing")

    @admin.action(description=_("Mettre en pause les engagements choisis"))
    def pause(self, request, queryset):
        apply_to_selected(self, request, queryset, services.pairing_pause,
                          _("Engagements mis en pause : %(count)s."), argument="pairing")

    @admin.action(description=_("Reprendre les engagements en pause"))
    def resume(self, request, queryset):
        apply_to_selected(self, request, queryset, services.pairing_resume,
                          _("Engagements repris : %(count)s."), argument="pairing")

    @admin.action(description=_("Terminer les engagements choisis (questionnaire envoyé)"))
    def end(self, request, queryset):
        apply_to_selected(self, request, queryset, services.pairing_end,
                          _("Engagements terminés : %(count)s."), argument="pairing")

    @admin.action(description=_("Annuler les jumelages choisis"))
    def cancel(self, request, queryset):
        apply_to_selected(self, request, queryset, services.pairing_cancel,
                          _("Jumelages annulés : %(count)s."), argument="pairing")


class CompensationPaymentForm(forms.ModelForm):
    class Meta:
        model = CompensationPayment
        fields = ["pairing", "amount", "paid_on", "note"]

    def clean_pairing(self):
        pairing = self.cleaned_data["pairing"]
        if pairing.project.compensation == Compensation.NONE:
            raise ValidationError(_("Le projet « %(title)s » n'offre pas de rémunération.")
                                  % {"title": pairing.project.title})
        if pairing.status not in HOURS_STATUSES:
            raise ValidationError(_("On inscrit une rémunération pour un engagement actif ou "
                                    "terminé."))
        return pairing


@admin.register(CompensationPayment)
class CompensationPaymentAdmin(DecimalCommaAdmin, PlausibleDatesAdmin, admin.ModelAdmin):
    """Payments are recorded, never edited: a mistake is deleted and recorded again."""

    form = CompensationPaymentForm
    list_display = ["pairing", "amount", "paid_on", "recorded_by"]
    list_select_related = ["pairing__member__user", "pairing__project", "recorded_by"]
    date_hierarchy = "paid_on"
    search_fields = ["pairing__member__user__display_name__unaccent",
                     "pairing__project__title__unaccent"]
    autocomplete_fields = ["pairing"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        payment = services.compensation_record(
            pairing=obj.pairing, amount=obj.amount, paid_on=obj.paid_on, note=obj.note,
            by=request.user)
        obj.pk, obj.recorded_by, obj.recorded_at = (payment.pk, payment.recorded_by,
                                                    payment.recorded_at)


@admin.register(MatchRequestToPair)
class MatchRequestToPairAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["project", "people_count", "needed_by", "status", "candidates_link"]
    list_filter = ["status"]
    list_select_related = ["project"]
    search_fields = ["project__title__unaccent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Candidat(e)s"))
    def candidates_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:jumelage_candidats",
                                                          args=[obj.pk]),
                           _("Voir les candidat(e)s"))

    def get_urls(self):
        return [
            path("<int:pk>/candidats/", self.admin_site.admin_view(self.candidates_view),
                 name="jumelage_candidats"),
            *super().get_urls(),
        ]

    def candidates_view(self, request, pk):
        """The ranked candidates for a match request; approving invites the selection."""
        if not is_coordinator(request.user):
            raise PermissionDenied
        match_request = get_object_or_404(
            MatchRequestToPair.objects.select_related("project__team"), pk=pk)
        project = match_request.project
        try:
            limit = min(max(int(request.GET.get("n", "")), 1), 500)
        except ValueError:
            limit = None
        candidates = engine.rank(project, limit=limit, shared=True)
        form = ApproveForm(request.POST if request.method == "POST" else None,
                           member_ids=[c.member.pk for c in candidates])
        if request.method == "POST" and form.is_valid():
            members = Member.objects.filter(pk__in=form.cleaned_data["members"])
            try:
                pairings = services.pairings_approve(project=project, members=list(members),
                                                     by=request.user,
                                                     match_request=match_request)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, ngettext(
                    "%(count)s personne invitée.", "%(count)s personnes invitées.",
                    len(pairings)) % {"count": len(pairings)}, messages.SUCCESS)
                return redirect("admin:jumelage_candidats", pk=pk)
        show_excluded = request.GET.get("exclus") == "1"
        search = request.GET.get("q", "").strip()
        excluded = []
        if show_excluded:
            excluded = [(member, [RULE_SENTENCES[code] for code in codes])
                        for member, codes in engine.exclusions(project, search=search)]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Candidat(e)s pour « %(title)s »") % {"title": project.title},
            "opts": self.model._meta,
            "match_request": match_request,
            "project": project,
            "candidate_count": len(candidates),
            "candidate_rows": candidate_rows(candidates, invalid=bool(form.errors)),
            "form": form,
            "pairings": project.pairings.select_related("member__user").order_by(
                "status", "pk"),
            "show_excluded": show_excluded,
            "excluded": excluded,
            "search": search,
        }
        return TemplateResponse(request, "jumelage/admin/candidats.html", context)


def candidate_rows(candidates: list[engine.Candidate], *, invalid: bool) -> str:
    """The rows of the candidates table, kept in the cache under everything they show: each
    member's columns, name and region, their points and factors, in the reader's language.
    Coordinators reopening a request get them without the fifty rows being rendered again;
    any change to what a row shows makes a new key."""
    shown = [(tuple(getattr(c.member, field.attname)
                    for field in Member._meta.concrete_fields),
              c.member.user.display_name, str(c.member.region or ""),
              c.points, c.maximum, c.score, c.factors) for c in candidates]
    return fragments.cached(
        CANDIDATE_ROWS, versions=(engine.RANKING,), parts=(shown, invalid),
        timeout=engine.SHARED_FOR,
        render=lambda: render_to_string("jumelage/admin/_candidats_lignes.html", {
            "invalid": invalid,
            "rows": [(c, points_sentence(c.points, c.maximum, c.score),
                      factor_sentences(c.factors, FOR_COORDINATION)) for c in candidates]}))


@dataclass
class PreviewRow:
    rank: int
    candidate: engine.Candidate
    points: str
    rank_before: int | None
    points_before: str


@admin.register(MatchingConfig)
class MatchingConfigAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """The weights, with a preview of their effect on an open request before saving."""

    preview_size = 10

    def has_add_permission(self, request):
        return not MatchingConfig.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        config = MatchingConfig.load()
        return redirect("admin:jumelage_matchingconfig_change", config.pk)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_apercu" in request.POST and object_id:
            return self.preview_view(request, object_id, form_url)
        return super().changeform_view(request, object_id, form_url, {
            **(extra_context or {}), **self._requests(request)})

    def _requests(self, request) -> dict:
        requests = list(MatchRequest.objects.open().select_related("project")
                        .order_by("created_at", "pk"))
        chosen = request.POST.get("_demande") or request.GET.get("demande")
        chosen = next((r for r in requests if str(r.pk) == chosen),
                      requests[0] if requests else None)
        return {"open_requests": requests, "preview_request": chosen,
                "preview_size": self.preview_size}

    def preview_view(self, request, object_id, form_url):
        """The change form as posted, unsaved, with the top of the chosen open request
        under the weights saved and under the weights on the form."""
        config = self.get_object(request, unquote(object_id))
        if config is None or not self.has_change_permission(request, config):
            raise PermissionDenied
        before = (engine.weights_of(config), config.balanced_shortlist)
        form = self.get_form(request, config, change=True)(request.POST, instance=config)
        requests = self._requests(request)
        preview = None
        # Validating copies the posted values onto `config` in memory; nothing is saved.
        if form.is_valid() and requests["preview_request"]:
            preview = self._preview(requests["preview_request"].project, before,
                                    (engine.weights_of(config), config.balanced_shortlist))
        admin_form = helpers.AdminForm(form, list(self.get_fieldsets(request, config)), {},
                                       self.get_readonly_fields(request, config),
                                       model_admin=self)
        context = {
            **self.admin_site.each_context(request),
            **requests,
            "title": _("Change %s") % self.opts.verbose_name,
            "subtitle": str(config),
            "adminform": admin_form,
            "object_id": object_id,
            "original": config,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            "preview": preview,
        }
        return self.render_change_form(request, context, change=True, obj=config,
                                       form_url=form_url)

    def _preview(self, project, before, after) -> dict:
        facts, now = engine.project_facts(project), timezone.now()

        def top(weights, balanced):
            return engine.rank(project, weights=weights, limit=self.preview_size,
                               balanced=balanced, now=now, facts=facts)

        old, new = top(*before), top(*after)
        old_ranks = {c.member.pk: (rank, c) for rank, c in enumerate(old, 1)}
        new_ids = {c.member.pk for c in new}
        rows = []
        for rank, c in enumerate(new, 1):
            rank_before, was = old_ranks.get(c.member.pk, (None, None))
            rows.append(PreviewRow(
                rank, c, points_sentence(c.points, c.maximum, c.score), rank_before,
                points_sentence(was.points, was.maximum, was.score) if was else ""))
        return {
            "rows": rows,
            "leaving": [(rank, c) for rank, c in enumerate(old, 1)
                        if c.member.pk not in new_ids],
        }


@admin.register(Observation)
class ObservationAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["pairing", "created_at"]
    list_select_related = ["pairing__member__user", "pairing__project"]
    readonly_fields = ["pairing", "message", "created_at"]

    def has_add_permission(self, request):
        return False


class PairingInline(PlausibleDatesAdmin, admin.TabularInline):
    model = Pairing
    extra = 0
    can_delete = False
    fields = ["project", "status", "origin", "proposed_at", "started_at", "ended_at",
              "hours_given"]
    readonly_fields = fields
    verbose_name_plural = _("engagements")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project")


admin.site.unregister(Member)


@admin.register(Member)
class MemberWithEngagementsAdmin(MemberAdmin):
    """The member's admin page, with what the layers above communaute know of them."""

    list_filter = [*MemberAdmin.list_filter[:-1], CompletedCourseFilter,
                   MemberAdmin.list_filter[-1]]
    inlines = [*MemberAdmin.inlines, PairingInline]
    readonly_fields = [*MemberAdmin.readonly_fields, "attestation_link"]

    @admin.display(description=_("attestation d'implication"))
    def attestation_link(self, member):
        if member.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>',
                           reverse("jumelage:attestation_membre", args=[member.pk]),
                           _("Voir l'attestation d'implication"))
