from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from communaute.models import Consent, HealthTopic, Member, Region, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "display_name", "legal_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["display_name", "legal_name", "preferred_language", "phone"]}),
        (_("Accès"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": [
        "email", "display_name", "password1", "password2"]})]
    filter_horizontal = ["groups"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "active"]
    list_editable = ["active"]
    search_fields = ["name", "code"]


@admin.register(HealthTopic)
class HealthTopicAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    list_editable = ["active"]
    search_fields = ["name"]


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "given", "text_version", "method", "recorded_by", "recorded_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "region", "continuum_max", "created_at"]
    list_filter = ["status", "region", "continuum_max", "created_at"]
    search_fields = ["user__email", "user__display_name", "user__legal_name"]
    list_select_related = ["user", "region"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["health_topics"]
    inlines = [ConsentInline]
