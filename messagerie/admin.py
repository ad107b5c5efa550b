from django.contrib import admin

from messagerie.models import Notification
from ruisss.dates import PlausibleDatesAdmin


@admin.register(Notification)
class NotificationAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["subject", "email", "kind", "created_at", "sent_at", "attempts"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["email", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
