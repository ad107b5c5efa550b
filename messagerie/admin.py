from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from messagerie import services
from messagerie.enums import NotificationStatus
from messagerie.models import Notification
from ruisss.admin_actions import apply_to_selected
from ruisss.dates import PlausibleDatesAdmin

STATUS_FILTERS = {
    NotificationStatus.PENDING: {"sent_at": None, "failed_at": None},
    NotificationStatus.SENT: {"sent_at__isnull": False},
    NotificationStatus.FAILED: {"sent_at": None, "failed_at__isnull": False},
}


class StatusFilter(admin.SimpleListFilter):
    title = _("statut")
    parameter_name = "statut"

    def lookups(self, request, model_admin):
        return NotificationStatus.choices

    def queryset(self, request, queryset):
        if self.value() not in STATUS_FILTERS:
            return queryset
        return queryset.filter(**STATUS_FILTERS[self.value()])


@admin.register(Notification)
class NotificationAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["subject", "email", "kind", "created_at", "status", "attempts"]
    list_filter = [StatusFilter, "kind", "sent_at"]
    search_fields = ["email__unaccent", "subject__unaccent"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("statut"))
    def status(self, notification):
        if notification.sent_at:
            return NotificationStatus.SENT.label
        if notification.failed_at:
            return NotificationStatus.FAILED.label
        return NotificationStatus.PENDING.label

    @admin.action(description=_("Réessayer les courriels choisis"), permissions=["change"])
    def retry(self, request, queryset):
        apply_to_selected(self, request, queryset, services.notification_retry,
                          _("Courriels remis en file d'envoi : %(count)d."),
                          argument="notification")
