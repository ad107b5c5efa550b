from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from recrutement import services
from recrutement.continuum import planned_step
from recrutement.models import (
    Establishment,
    MatchRequest,
    Project,
    Team,
    TeamInvitation,
    TeamMembership,
)
from ruisss.admin_actions import apply_to_selected, apply_with_reason
from ruisss.dates import PlausibleDatesAdmin


@admin.register(Establishment)
class EstablishmentAdmin(PlausibleDatesAdmin, TranslationAdmin):
    list_display = ["name", "kind", "region", "verified", "active"]
    list_filter = ["verified", "kind", "region", "active"]
    list_select_related = ["region"]
    search_fields = ["name__unaccent"]


class TeamMembershipInline(PlausibleDatesAdmin, admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "establishment", "status", "created_at"]
    list_filter = ["status", "kind", "establishment__kind"]
    list_select_related = ["establishment"]
    search_fields = ["name__unaccent", "establishment__name__unaccent"]
    readonly_fields = ["status", "status_reason", "verified_at"]
    inlines = [TeamMembershipInline]
    actions = ["verify", "refuse"]

    @admin.action(description=_("Vérifier les équipes choisies"))
    def verify(self, request, queryset):
        apply_to_selected(self, request, queryset, services.team_verify,
                                     _("%(count)d équipe(s) vérifiée(s)."), argument="team")

    @admin.action(description=_("Refuser les équipes choisies (avec un motif)"))
    def refuse(self, request, queryset):
        return apply_with_reason(self, request, queryset, services.team_refuse,
                                            _("%(count)d équipe(s) refusée(s)."), argument="team",
                                 reason_argument="reason", title=_("Refuser des équipes"))


@admin.register(TeamInvitation)
class TeamInvitationAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["email", "team", "created_at", "accepted_at"]
    list_select_related = ["team"]
    search_fields = ["email__unaccent", "team__name__unaccent"]
    readonly_fields = ["team", "email", "role_title", "invited_by", "created_at",
                       "accepted_at", "accepted_by"]


@admin.register(Project)
class ProjectAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["title", "team", "main_domain", "continuum_step", "status", "created_at"]
    list_filter = ["status", "main_domain", "continuum_step", "org_level", "modality",
                   "compensation", "team__status"]
    search_fields = ["title__unaccent", "summary__unaccent", "team__name__unaccent"]
    list_select_related = ["team"]
    filter_horizontal = ["health_topics", "regions", "required_courses", "resources"]
    readonly_fields = ["status", "return_comment", "created_by", "created_at",
                       "published_at", "closed_at"]
    actions = ["publish", "return_to_team", "start_recruiting", "mark_filled", "close"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # The engagement plan sets the step of a project that has one.
        if obj is not None and planned_step(obj) is not None:
            return [*fields, "continuum_step"]
        return fields

    @admin.action(description=_("Publier les projets choisis"))
    def publish(self, request, queryset):
        apply_to_selected(self, request, queryset, services.project_publish,
                          _("%(count)d projet(s) publié(s)."), argument="project")

    @admin.action(description=_("Retourner à l'équipe (avec un commentaire)"))
    def return_to_team(self, request, queryset):
        return apply_with_reason(self, request, queryset, services.project_return,
                                            _("%(count)d projet(s) retourné(s) à l'équipe."),
                                 argument="project", reason_argument="comment",
                                 title=_("Retourner des projets à l'équipe"))

    @admin.action(description=_("Passer en recrutement"))
    def start_recruiting(self, request, queryset):
        apply_to_selected(self, request, queryset, services.project_start_recruiting,
                          _("%(count)d projet(s) en recrutement."), argument="project")

    @admin.action(description=_("Marquer comme comblés"))
    def mark_filled(self, request, queryset):
        apply_to_selected(self, request, queryset, services.project_mark_filled,
                          _("%(count)d projet(s) comblé(s)."), argument="project")

    @admin.action(description=_("Fermer les projets choisis"))
    def close(self, request, queryset):
        apply_to_selected(self, request, queryset, services.project_close,
                          _("%(count)d projet(s) fermé(s)."), argument="project")


class OverdueFilter(admin.SimpleListFilter):
    title = _("échéance")
    parameter_name = "en_retard"

    def lookups(self, request, model_admin):
        return [("oui", _("En retard")), ("non", _("Dans les temps"))]

    def queryset(self, request, queryset):
        overdue = MatchRequest.objects.overdue().values("pk")
        if self.value() == "oui":
            return queryset.filter(pk__in=overdue)
        if self.value() == "non":
            return queryset.exclude(pk__in=overdue)
        return queryset


@admin.register(MatchRequest)
class MatchRequestAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """The coordinators' queue: oldest request first, overdue ones flagged."""

    list_display = ["project", "team", "people_count", "needed_by", "overdue", "status",
                    "created_at", "candidates"]
    list_filter = ["status", OverdueFilter, "project__main_domain", "project__team"]
    list_select_related = ["project__team"]
    search_fields = ["project__title__unaccent", "project__team__name__unaccent"]
    ordering = ["created_at"]
    readonly_fields = ["created_by", "created_at", "first_proposal_at", "filled_at"]

    @admin.display(description=_("équipe"), ordering="project__team__name")
    def team(self, obj):
        return obj.project.team

    @admin.display(description=_("en retard"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue

    @admin.display(description=_("candidat(e)s"))
    def candidates(self, obj):
        return format_html('<a href="{}">{}</a>',
                           reverse("admin:jumelage_candidats", args=[obj.pk]),
                                      _("Voir les candidat(e)s classé(e)s"))
