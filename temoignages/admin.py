from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ruisss.admin_actions import apply_to_selected, apply_with_reason
from ruisss.dates import PlausibleDatesAdmin
from temoignages.models import Story
from temoignages.services import story_decline, story_publish, story_request_change


@admin.register(Story)
class StoryAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    """Coordinators read and decide; the words stay the member's own, never edited here."""

    list_display = ["title", "author", "signature", "domain", "status", "submitted_at",
                    "published_at"]
    list_filter = ["status", "domain", "anonymous"]
    list_select_related = ["author"]
    search_fields = ["title__unaccent", "author__display_name__unaccent", "pen_name__unaccent"]
    readonly_fields = ["author", "title", "text", "domain", "anonymous", "pen_name",
                       "publication_consent", "consented_at", "status", "review_comment",
                       "reviewed_by", "created_at", "submitted_at", "published_at",
                       "withdrawn_at"]
    actions = ["publish", "request_change", "decline"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("signé"))
    def signature(self, obj):
        return obj.signature

    @admin.action(description=_("Publier les témoignages choisis"))
    def publish(self, request, queryset):
        apply_to_selected(self, request, queryset, story_publish,
                          _("%(count)d témoignage(s) publié(s)."), argument="story",
                          by=request.user)

    @admin.action(description=_("Demander une modification (commentaire envoyé au membre)"))
    def request_change(self, request, queryset):
        return apply_with_reason(
            self, request, queryset, story_request_change,
            _("%(count)d témoignage(s) renvoyé(s) à leur auteur(e)."), argument="story",
            reason_argument="comment", title=_("Demander une modification"),
            intro=_("Le commentaire est envoyé au membre par courriel et affiché dans sa page "
                    "« Mes témoignages »."), by=request.user)

    @admin.action(description=_("Refuser (motif envoyé au membre)"))
    def decline(self, request, queryset):
        return apply_with_reason(
            self, request, queryset, story_decline, _("%(count)d témoignage(s) refusé(s)."),
            argument="story", reason_argument="reason", title=_("Refuser le témoignage"),
            intro=_("Le motif est envoyé au membre par courriel."), by=request.user)
