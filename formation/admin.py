from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from formation.models import Completion, Course, Enrolment, Session
from formation.services import (
    attendance_record,
    completion_record,
    completions_confirm,
    enrolment_cancel,
    session_fill_from_waitlist,
)
from ruisss.dates import PlausibleDatesAdmin


class SessionInline(PlausibleDatesAdmin, admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Course)
class CourseAdmin(PlausibleDatesAdmin, TranslationAdmin):
    list_display = ["title", "format", "audience", "language", "requirable",
                    "required_from_step", "active"]
    list_editable = ["requirable", "required_from_step", "active"]
    list_filter = ["required_from_step", "format", "audience", "language", "active"]
    search_fields = ["title__unaccent", "summary__unaccent"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["prerequisites", "resources"]
    inlines = [SessionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "audience", "format",
                           "duration_minutes", "language", "prerequisites", "link", "resources",
                           "active"]}),
        (_("Exigences des projets"), {
            "description": _("Choisissez l'étape du continuum d'engagement à partir de "
                             "laquelle un nouveau projet exige cette formation (par exemple, "
                             "le Module 101 dès la collaboration). L'équipe peut ajouter "
                             "d'autres formations à son projet. Laissez vide : aucun projet "
                             "ne l'exige par défaut."),
            "fields": ["requirable", "required_from_step"],
        }),
    ]


@admin.register(Session)
class SessionAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["course", "starts_at", "capacity", "registration_deadline",
                    "reminder_sent_at"]
    list_filter = ["course"]
    list_select_related = ["course"]
    date_hierarchy = "starts_at"
    actions = ["fill_from_waitlist"]

    @admin.action(description=_("Offrir les places libres aux personnes en attente"))
    def fill_from_waitlist(self, request, queryset):
        promoted = sum(len(session_fill_from_waitlist(session=session))
                       for session in queryset)
        self.message_user(request, ngettext(
            "%(count)d personne a reçu une place.", "%(count)d personnes ont reçu une place.",
            promoted) % {"count": promoted}, messages.SUCCESS)


@admin.register(Enrolment)
class EnrolmentAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["user", "session", "status", "created_at"]
    list_filter = ["status", "session__course", "session"]
    list_select_related = ["user", "session__course"]
    search_fields = ["user__display_name__unaccent", "user__email__unaccent"]
    actions = ["mark_present", "mark_absent", "mark_completed", "cancel"]

    def _done(self, request, count):
        self.message_user(request, ngettext(
            "%(count)d inscription mise à jour.", "%(count)d inscriptions mises à jour.",
            count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Marquer présent(e)s"))
    def mark_present(self, request, queryset):
        self._done(request, attendance_record(enrolment_ids=list(queryset.values_list(
            "pk", flat=True)), present=True))

    @admin.action(description=_("Marquer absent(e)s"))
    def mark_absent(self, request, queryset):
        self._done(request, attendance_record(enrolment_ids=list(queryset.values_list(
            "pk", flat=True)), present=False))

    @admin.action(description=_("Marquer la formation complétée (attestation confirmée)"))
    def mark_completed(self, request, queryset):
        self._done(request, completion_record(enrolment_ids=list(queryset.values_list(
            "pk", flat=True)), by=request.user))

    @admin.action(description=_("Annuler (la place va à la première personne en attente)"))
    def cancel(self, request, queryset):
        count = 0
        for enrolment in queryset:
            try:
                enrolment_cancel(enrolment=enrolment)
            except ValidationError as error:
                self.message_user(request, f"{enrolment} : {error.messages[0]}",
                                  messages.WARNING)
            else:
                count += 1
        self._done(request, count)


@admin.register(Completion)
class CompletionAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["user", "course", "status", "completed_on", "confirmed_by"]
    list_filter = ["status", "course"]
    list_select_related = ["user", "course", "confirmed_by"]
    search_fields = ["user__display_name__unaccent", "user__email__unaccent"]
    autocomplete_fields = ["user"]
    actions = ["confirm"]

    @admin.action(description=_("Confirmer les formations déclarées"))
    def confirm(self, request, queryset):
        count = completions_confirm(completion_ids=list(queryset.values_list("pk", flat=True)),
                                    by=request.user)
        self.message_user(request, ngettext(
            "%(count)d formation confirmée.", "%(count)d formations confirmées.",
            count) % {"count": count}, messages.SUCCESS)


class CompletedCourseFilter(admin.SimpleListFilter):
    title = _("formation complétée")
    parameter_name = "formation"

    def lookups(self, request, model_admin):
        return [(str(pk), title) for pk, title in Course.objects.values_list("pk", "title")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(user__completions__course_id=self.value())
        return queryset
