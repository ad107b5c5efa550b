from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from communaute import services
from communaute.enums import AccessAction, ConsentKind, Domain, MemberKind
from communaute.forms import (
    AccountForm,
    AssistedJoinForm,
    ExperienceForm,
    LivedExperienceForm,
    WantsForm,
    WhoForm,
)
from communaute.models import (
    AccessRecord,
    ConfidentialityIncident,
    Consent,
    DeletionRecord,
    HealthTopic,
    Member,
    Region,
    RetentionPolicy,
    User,
)
from ruisss.admin_actions import apply_to_selected, apply_with_reason
from ruisss.csv_export import csv_response
from ruisss.dates import PlausibleDatesAdmin
from ruisss.fields import flag_of


@admin.register(User)
class UserAdmin(PlausibleDatesAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email__unaccent", "display_name__unaccent", "legal_name__unaccent"]
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
class RegionAdmin(PlausibleDatesAdmin, TranslationAdmin):
    list_display = ["name", "code", "active"]
    list_editable = ["active"]
    search_fields = ["name__unaccent", "code__unaccent"]


@admin.register(HealthTopic)
class HealthTopicAdmin(PlausibleDatesAdmin, TranslationAdmin):
    list_display = ["name", "active"]
    list_editable = ["active"]
    search_fields = ["name__unaccent"]


class ConsentInline(PlausibleDatesAdmin, admin.TabularInline):
    model = Consent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "given", "text_version", "method", "recorded_by", "recorded_at"]

    def has_add_permission(self, request, obj=None):
        return False


def flags_filter(field_name: str, choices_class, title):
    """A list filter for one FlagsField: the members whose set holds the chosen value."""

    class FlagsFilter(admin.SimpleListFilter):
        parameter_name = field_name

        def lookups(self, request, model_admin):
            return choices_class.choices

        def queryset(self, request, queryset):
            if self.value() not in choices_class.values:
                return queryset
            flag = flag_of(choices_class, self.value())
            return queryset.annotate(**{f"{field_name}_bit": F(field_name).bitand(flag)}).filter(
                **{f"{field_name}_bit__gt": 0})

    FlagsFilter.title = title
    return FlagsFilter


@admin.register(Member)
class MemberAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["user", "email", "status", "region", "continuum_max", "created_at"]
    list_filter = ["status", flags_filter("kinds", MemberKind, _("je suis")), "region",
                   flags_filter("domains", Domain, _("domaine")), "continuum_max",
                   "created_at"]
    search_fields = ["user__email__unaccent", "user__display_name__unaccent",
                     "user__legal_name__unaccent"]
    list_select_related = ["user", "region"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["health_topics"]
    inlines = [ConsentInline]
    readonly_fields = ["consent_matching", "consent_sensitive", "consent_news",
                       "consent_confidentiality"]
    actions = ["activate", "suspend", "refuse", "export_csv"]

    @admin.display(description=_("courriel"), ordering="user__email")
    def email(self, member):
        return member.user.email

    def get_urls(self):
        return [
            path("inscrire/", self.admin_site.admin_view(self.assisted_join_view),
                 name="communaute_member_inscrire"),
            *super().get_urls(),
        ]

    @admin.action(description=_("Activer les membres choisis"), permissions=["change"])
    def activate(self, request, queryset):
        apply_to_selected(self, request, queryset, services.member_activate,
                          _("Membres activés : %(count)d."), argument="member")

    @admin.action(description=_("Mettre en pause les membres choisis"), permissions=["change"])
    def suspend(self, request, queryset):
        apply_to_selected(self, request, queryset, services.member_suspend,
                          _("Membres mis en pause : %(count)d."), argument="member")

    @admin.action(description=_("Refuser les membres choisis (motif envoyé par courriel)"),
                  permissions=["change"])
    def refuse(self, request, queryset):
        return apply_with_reason(
            self, request, queryset.select_related("user"), services.member_refuse,
            _("Membres refusés : %(count)d."), argument="member", reason_argument="reason",
            title=_("Refuser des membres"),
            intro=_("Ces personnes recevront le motif par courriel, dans leur langue :"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Recorded before the page renders: no member's page is shown without a trace.
        member = (getattr(response, "context_data", None) or {}).get("original")
        if response.status_code == 200 and member is not None:
            services.access_record(by=request.user, action=AccessAction.VIEW, members=[member])
        return response

    @admin.action(description=_("Exporter les membres choisis (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        members = list(queryset.select_related("user", "region"))
        services.access_record(by=request.user, action=AccessAction.EXPORT, members=members)
        headers = [_("nom d'usage"), _("courriel"), _("statut"), _("je suis"), _("région"),
                   _("domaines"), _("continuum"), _("inscrit(e) le")]
        rows = ([member.user.display_name, member.user.email, member.get_status_display(),
                 ", ".join(member.kind_labels()), member.region,
                 ", ".join(member.domain_labels()), member.get_continuum_max_display(),
                 member.created_at.date().isoformat()]
                for member in members)
        return csv_response("membres.csv", headers, rows)

    def assisted_join_view(self, request):
        """Fill the join form for someone who called or is helped by a relative."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        parts = [AccountForm, WhoForm, LivedExperienceForm, WantsForm, ExperienceForm,
                 AssistedJoinForm]
        data = request.POST if request.method == "POST" else None
        forms = [form_class(data, prefix=f"p{i}") for i, form_class in enumerate(parts)]
        account, who, lived, wants, experience, assisted = forms
        for name in ("password1", "password2"):
            del account.fields[name]
        del lived.fields["consent_sensitive"]
        if data is not None and all(form.is_valid() for form in forms):
            consent = assisted.cleaned_data
            profile = {"contact_channel": account.cleaned_data["contact_channel"],
                       **who.cleaned_data, **wants.cleaned_data, **experience.cleaned_data,
                       "care_trajectories": lived.cleaned_data["care_trajectories"],
                       "lived_experience": lived.cleaned_data["lived_experience"]}
            member = services.member_register(
                request=request, email=account.cleaned_data["email"], password_hash=None,
                display_name=account.cleaned_data["display_name"],
                legal_name=account.cleaned_data["legal_name"],
                preferred_language=account.cleaned_data["preferred_language"],
                phone=account.cleaned_data["phone"], profile=profile,
                health_topics=list(lived.cleaned_data["health_topics"]),
                consents={ConsentKind.MATCHING: consent["consent_matching"],
                          ConsentKind.SENSITIVE: consent["consent_sensitive"],
                          ConsentKind.NEWS: consent["consent_news"]},
                method=consent["method"], recorded_by=request.user,
                consents_at=consent["consents_at"],
            )
            if member is None:
                self.message_user(request, _("Cette adresse a déjà un compte : sa propriétaire "
                                             "en a été avisée par courriel."), messages.WARNING)
                return redirect("admin:communaute_member_changelist")
            services.access_record(by=request.user, action=AccessAction.ASSISTED_REGISTRATION,
                                   members=[member])
            self.message_user(request, _("Inscription enregistrée; la personne reçoit un "
                                         "courriel pour confirmer son adresse."),
                              messages.SUCCESS)
            return redirect(reverse("admin:communaute_member_change", args=[member.pk]))
        return TemplateResponse(request, "admin/communaute/member/inscrire.html", {
            **self.admin_site.each_context(request), "forms": forms,
            "opts": self.model._meta, "title": _("Inscrire une personne"),
        })


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["__str__", "inactive_months", "reminder_days"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not RetentionPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        policy = RetentionPolicy.current()
        return redirect(reverse("admin:communaute_retentionpolicy_change", args=[policy.pk]))


@admin.register(DeletionRecord)
class DeletionRecordAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["deleted_at", "reason", "counts"]
    list_filter = ["reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessRecord)
class AccessRecordAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """Who read or exported which member's data, and when: read only, for good."""

    list_display = ["at", "by", "action", "member"]
    list_filter = ["action", "at"]
    list_select_related = ["by", "member__user"]
    search_fields = ["member__user__email__unaccent", "member__user__display_name__unaccent",
                     "by__email__unaccent", "by__display_name__unaccent"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConfidentialityIncident)
class ConfidentialityIncidentAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """The register is kept and completed (notices, measures), never deleted."""

    list_display = ["__str__", "discovered_on", "people_count", "serious_harm_risk",
                    "commission_notified_on", "persons_notified_on", "notices_due"]
    list_filter = ["serious_harm_risk"]
    list_select_related = ["recorded_by"]
    date_hierarchy = "discovered_on"
    readonly_fields = ["recorded_by", "recorded_at"]
    fieldsets = [
        (_("L'incident"), {"fields": ["occurred_on", "occurred_until", "discovered_on",
                                      "information_concerned", "description",
                                      "people_count"]}),
        (_("Risque et avis"), {"fields": ["serious_harm_risk", "risk_assessment",
                                          "commission_notified_on", "persons_notified_on"]}),
        (_("Mesures"), {"fields": ["measures"]}),
        (_("Inscription"), {"fields": ["recorded_by", "recorded_at"]}),
    ]

    @admin.display(description=_("avis à faire"), boolean=True)
    def notices_due(self, incident):
        return incident.notices_due

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
