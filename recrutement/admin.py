from django.contrib import admin

from recrutement.models import Establishment, MatchRequest, Project, Team, TeamMembership


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "active"]
    list_filter = ["kind", "region", "active"]
    search_fields = ["name"]


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "establishment", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "establishment__name"]
    inlines = [TeamMembershipInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "main_domain", "continuum_step", "status", "created_at"]
    list_filter = ["status", "main_domain", "continuum_step", "org_level", "modality"]
    search_fields = ["title", "summary", "team__name"]
    list_select_related = ["team"]
    filter_horizontal = ["health_topics", "regions", "required_courses"]


@admin.register(MatchRequest)
class MatchRequestAdmin(admin.ModelAdmin):
    list_display = ["project", "people_count", "needed_by", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["project"]
