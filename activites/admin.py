from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from activites.models import Activity, ActivityDocument, Registration
from activites.services import (
    activity_fill_from_waitlist,
    attendance_record,
    registration_cancel,
)
from ruisss.admin_actions import apply_to_selected
from ruisss.dates import PlausibleDatesAdmin


class DocumentInline(PlausibleDatesAdmin, admin.TabularInline):
    model = ActivityDocument
    extra = 0


@admin.register(Activity)
class ActivityAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "format", "region", "starts_at", "capacity", "published",
                    "reminder_sent_at"]
    list_filter = ["kind", "format", "region", "published"]
    list_select_related = ["region"]
    search_fields = ["title__unaccent", "description__unaccent"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    inlines = [DocumentInline]
    actions = ["fill_from_waitlist"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "description", "published"]}),
        (_("Où et quand"), {"fields": ["format", "region", "place", "link", "starts_at",
                                       "ends_at"]}),
        (_("Inscriptions"), {"fields": ["capacity", "registration_deadline"]}),
        (_("Après l'activité"), {
            "description": _("Prenez les présences dans « Inscriptions aux activités » : les "
                             "personnes marquées présentes voient les documents partagés."),
            "fields": ["summary"],
        }),
    ]

    @admin.action(description=_("Offrir les places libres aux personnes en attente"))
    def fill_from_waitlist(self, request, queryset):
        promoted = sum(len(activity_fill_from_waitlist(activity=activity))
                       for activity in queryset)
        self.message_user(request, ngettext(
            "%(count)d personne a reçu une place.", "%(count)d personnes ont reçu une place.",
            promoted) % {"count": promoted}, messages.SUCCESS)


@admin.register(Registration)
class RegistrationAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["user", "activity", "status", "created_at"]
    list_filter = ["status", "activity__region", "activity"]
    list_select_related = ["user", "activity"]
    search_fields = ["user__display_name__unaccent", "user__email__unaccent",
                     "activity__title__unaccent"]
    readonly_fields = ["activity", "user", "status", "created_at"]
    actions = ["mark_present", "mark_absent", "cancel"]

    def has_add_permission(self, request):
        return False

    def _done(self, request, count):
        self.message_user(request, ngettext(
            "%(count)d inscription mise à jour.", "%(count)d inscriptions mises à jour.",
            count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Marquer présent(e)s"))
    def mark_present(self, request, queryset):
        self._done(request, attendance_record(
            registration_ids=list(queryset.values_list("pk", flat=True)), present=True))

    @admin.action(description=_("Marquer absent(e)s"))
    def mark_absent(self, request, queryset):
        self._done(request, attendance_record(
            registration_ids=list(queryset.values_list("pk", flat=True)), present=False))

    @admin.action(description=_("Annuler (la place va à la première personne en attente)"))
    def cancel(self, request, queryset):
        apply_to_selected(self, request, queryset, registration_cancel,
                          _("%(count)d inscription(s) annulée(s)."), argument="registration")
