from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accompagnement import services
from accompagnement.models import (
    OPEN_SUPPORT_STATUSES,
    EngagementPlan,
    Phase,
    SupportMeeting,
    SupportMessage,
    SupportRequest,
)
from jumelage.services import coordinators
from ruisss.admin_actions import apply_to_selected
from ruisss.dates import PlausibleDatesAdmin


@admin.register(Phase)
class PhaseAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["name", "name_en", "position", "active"]
    list_editable = ["position", "active"]

    def has_delete_permission(self, request, obj=None):
        # Plans keep the phases of their old versions: a phase is retired, not deleted.
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = _("échéance")
    parameter_name = "retard"

    def lookups(self, request, model_admin):
        return [("1", _("En retard"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "1" else queryset


class SupportMessageInline(PlausibleDatesAdmin, admin.TabularInline):
    model = SupportMessage
    extra = 0
    can_delete = False
    fields = ["created_at", "from_team", "author", "body"]
    readonly_fields = fields
    verbose_name_plural = _("échanges avec l'équipe")

    def has_add_permission(self, request, obj=None):
        return False


class SupportMeetingInline(PlausibleDatesAdmin, admin.TabularInline):
    model = SupportMeeting
    extra = 0
    can_delete = False
    fields = ["held_on", "minutes", "note", "coordinator"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class NewMeetingForm(forms.ModelForm):
    class Meta:
        model = SupportMeeting
        fields = ["held_on", "minutes", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Cette date n'est pas encore arrivée."))
        return held_on


class NewMeetingInline(PlausibleDatesAdmin, admin.TabularInline):
    """Adding meetings only: those recorded are listed, unchangeable, above."""

    model = SupportMeeting
    form = NewMeetingForm
    extra = 1
    can_delete = False
    verbose_name = _("nouvelle rencontre")
    verbose_name_plural = _("ajouter une rencontre et son temps")

    def get_queryset(self, request):
        return super().get_queryset(request).none()


class SupportRequestForm(forms.ModelForm):
    message = forms.CharField(
        label=_("Message à l'équipe"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif. L'équipe le reçoit par courriel et le lit dans son espace."))
    close_outcome = forms.CharField(
        label=_("Résultat, pour fermer la demande"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Rempli, il ferme la demande : l'équipe lit ce résultat dans son espace "
                    "et le reçoit par courriel."))

    class Meta:
        model = SupportRequest
        fields = ["assigned_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = coordinators()
        self.fields["assigned_to"].required = False

    def clean(self):
        cleaned = super().clean()
        closed = self.instance.status not in OPEN_SUPPORT_STATUSES
        if closed and (cleaned.get("message", "").strip()
                       or cleaned.get("close_outcome", "").strip()
                       or cleaned.get("assigned_to") != self.instance.assigned_to):
            raise forms.ValidationError(_("Cette demande est fermée : elle ne change plus."))
        return cleaned


@admin.register(SupportRequest)
class SupportRequestAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """The coordinators' queue: oldest first, overdue flagged, time spent per request."""

    form = SupportRequestForm
    list_display = ["created_at", "team", "kind", "project", "due_on", "overdue", "status",
                    "assigned_to", "time_spent"]
    list_filter = ["status", OverdueFilter, "kind",
                   ("assigned_to", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["team", "project", "assigned_to"]
    search_fields = ["team__name__unaccent", "project__title__unaccent", "needs__unaccent"]
    ordering = ["created_at", "pk"]
    readonly_fields = ["team", "project", "kind", "needs", "due_on", "status", "created_by",
                       "created_at", "assigned_at", "closed_at", "outcome"]
    fieldsets = [
        (None, {"fields": ["team", "project", "kind", "needs", "due_on", "created_by",
                           "created_at"]}),
        (_("Suivi"), {"fields": ["status", "assigned_to", "assigned_at", "message",
                                 "close_outcome", "closed_at", "outcome"]}),
    ]
    inlines = [SupportMessageInline, SupportMeetingInline, NewMeetingInline]
    actions = ["take"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(minutes=Sum("meetings__minutes"))

    @admin.display(description=_("en retard"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue

    @admin.display(description=_("temps consacré"), ordering="minutes")
    def time_spent(self, obj):
        if not obj.minutes:
            return "—"
        return _("%(hours)s h %(minutes)02d") % {"hours": obj.minutes // 60,
                                                  "minutes": obj.minutes % 60}

    @admin.action(description=_("Prendre en charge les demandes choisies"))
    def take(self, request, queryset):
        apply_to_selected(self, request, queryset, services.support_assign,
                          _("Demandes prises en charge : %(count)s."), argument="request",
                          coordinator=request.user)

    def _apply(self, http_request, service, **kwargs) -> None:
        """Run a service; a refusal (the request closed meanwhile, say) is told, not a 500."""
        try:
            service(**kwargs)
        except ValidationError as error:
            self.message_user(http_request, " ".join(error.messages), messages.ERROR)

    def save_model(self, request, obj, form, change):
        """Each change goes through its service, which notifies the team."""
        data = form.cleaned_data
        original = SupportRequest.objects.get(pk=obj.pk)
        if data.get("assigned_to") and data["assigned_to"] != original.assigned_to:
            self._apply(request, services.support_assign, request=obj,
                        coordinator=data["assigned_to"])
        if data.get("message", "").strip():
            self._apply(request, services.support_message_post, request=obj,
                        author=request.user, body=data["message"], from_team=False)

    def save_formset(self, request, form, formset, change):
        if formset.model is not SupportMeeting:
            return super().save_formset(request, form, formset, change)
        for meeting in formset.save(commit=False):
            self._apply(request, services.support_meeting_record, request=form.instance,
                        held_on=meeting.held_on, minutes=meeting.minutes, note=meeting.note,
                        coordinator=request.user)
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Closing comes last, so that the meetings typed with it are recorded first.
        outcome = form.cleaned_data.get("close_outcome", "").strip()
        if outcome:
            self._apply(request, services.support_close, request=form.instance,
                        outcome=outcome, by=request.user)


@admin.register(EngagementPlan)
class EngagementPlanAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """Plans are the teams' own: the coordination reads them on the plan's page."""

    list_display = ["project", "created_at", "plan_link"]
    list_select_related = ["project"]
    search_fields = ["project__title__unaccent"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("plan"))
    def plan_link(self, obj):
        return format_html('<a href="{}">{}</a>',
                           reverse("accompagnement:plan", args=[obj.project_id]),
                           _("Lire le plan et son historique"))
