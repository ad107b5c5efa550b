from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from communaute.roles import is_coordinator
from jumelage.phrases import points_sentence
from mentorat import ranking, services
from mentorat.models import CheckIn, Mentoring, MentoringHours, MentoringRequest, MentorOffer
from mentorat.phrases import RULE_SENTENCES, factor_sentences
from ruisss.admin_actions import apply_to_selected
from ruisss.dates import PlausibleDatesAdmin


@admin.register(MentorOffer)
class MentorOfferAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["member", "capacity", "active", "created_at"]
    list_filter = ["active"]
    list_select_related = ["member__user"]
    search_fields = ["member__user__display_name__unaccent"]
    readonly_fields = ["member", "created_at"]

    def has_add_permission(self, request):
        return False


class ChooseMentorForm(forms.Form):
    def __init__(self, *args, mentor_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"] = forms.TypedChoiceField(
            label=_("Personne mentor"), coerce=int, choices=[(pk, pk) for pk in mentor_ids],
            error_messages={"required": _("Choisissez une personne mentor."),
                            "invalid_choice": _("Cette personne n'est plus admissible.")})


@admin.register(MentoringRequest)
class MentoringRequestAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """Newcomers asking for a mentor, oldest first, each with its ranked mentors."""

    list_display = ["member", "created_at", "status", "mentors_link"]
    list_filter = ["status"]
    list_select_related = ["member__user"]
    search_fields = ["member__user__display_name__unaccent"]
    readonly_fields = ["member", "note", "status", "created_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Personnes mentors"))
    def mentors_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:mentorat_mentors",
                                                          args=[obj.pk]),
                           _("Voir les personnes mentors classées"))

    def get_urls(self):
        return [path("<int:pk>/mentors/", self.admin_site.admin_view(self.mentors_view),
                     name="mentorat_mentors"), *super().get_urls()]

    def mentors_view(self, request, pk):
        """The ranked mentors for a request, each explained; choosing one invites both."""
        if not is_coordinator(request.user):
            raise PermissionDenied
        mentoring_request = get_object_or_404(
            MentoringRequest.objects.select_related("member__user", "member__region"), pk=pk)
        ranked = ranking.rank(mentoring_request)
        form = ChooseMentorForm(request.POST if request.method == "POST" else None,
                                mentor_ids=[offer.member_id for offer, _result in ranked])
        if request.method == "POST" and form.is_valid():
            offer = next(o for o, _r in ranked if o.member_id == form.cleaned_data["mentor"])
            try:
                services.mentoring_pair(request=mentoring_request, mentor=offer.member,
                                        by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("Mentorat proposé : les deux personnes sont "
                                             "invitées à accepter."), messages.SUCCESS)
                return redirect("admin:mentorat_mentors", pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personnes mentors pour %(name)s") % {
                "name": mentoring_request.member.user.display_name},
            "opts": self.model._meta,
            "mentoring_request": mentoring_request,
            "newcomer": mentoring_request.member,
            "rows": [(offer, points_sentence(r.points, r.maximum, r.score),
                      factor_sentences(r.factors)) for offer, r in ranked],
            "form": form,
            "mentorings": mentoring_request.mentorings.select_related("mentor__user"),
            "excluded": [(offer, [RULE_SENTENCES[code] for code in codes])
                         for offer, codes in ranking.exclusions(mentoring_request)],
        }
        return TemplateResponse(request, "mentorat/admin/mentors.html", context)


class MentoringHoursInline(PlausibleDatesAdmin, admin.TabularInline):
    model = MentoringHours
    extra = 0
    can_delete = False
    fields = ["worked_on", "hours", "note", "declared_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class CheckInInline(PlausibleDatesAdmin, admin.TabularInline):
    model = CheckIn
    extra = 0
    can_delete = False
    fields = ["month", "side", "sent_at", "feeling", "comment", "answered_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Mentoring)
class MentoringAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["mentor", "newcomer", "status", "score", "approved_at", "accepted_at"]
    list_filter = ["status"]
    list_select_related = ["mentor__user", "newcomer__user"]
    search_fields = ["mentor__user__display_name__unaccent",
                     "newcomer__user__display_name__unaccent"]
    readonly_fields = ["request", "mentor", "newcomer", "status", "points", "points_max",
                       "score", "factors", "proposed_at", "approved_by", "approved_at",
                       "mentor_accepted_at", "newcomer_accepted_at", "accepted_at",
                       "declined_at", "declined_by", "ended_at"]
    inlines = [MentoringHoursInline, CheckInInline]
    actions = ["end", "cancel"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Terminer les mentorats choisis"))
    def end(self, request, queryset):
        apply_to_selected(self, request, queryset, services.mentoring_end,
                          _("Mentorats terminés : %(count)s."), argument="mentoring")

    @admin.action(description=_("Annuler les mentorats choisis"))
    def cancel(self, request, queryset):
        apply_to_selected(self, request, queryset, services.mentoring_cancel,
                          _("Mentorats annulés : %(count)s."), argument="mentoring")


@admin.register(CheckIn)
class CheckInAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["mentoring", "month", "side", "feeling", "answered_at"]
    list_filter = ["feeling", "month", "side"]
    list_select_related = ["mentoring__mentor__user", "mentoring__newcomer__user"]
    readonly_fields = ["mentoring", "side", "month", "sent_at", "feeling", "comment",
                       "answered_at"]

    def has_add_permission(self, request):
        return False
