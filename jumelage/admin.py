from django.contrib import admin

from jumelage.models import Notification, Pairing


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["member", "project", "status", "score", "origin", "proposed_at"]
    list_filter = ["status", "origin"]
    list_select_related = ["member__user", "project"]
    search_fields = ["member__user__display_name", "project__title"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "email", "kind", "created_at", "sent_at", "attempts"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["email", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False
