from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ressources.models import Resource
from ruisss.dates import PlausibleDatesAdmin


@admin.register(Resource)
class ResourceAdmin(PlausibleDatesAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "audience", "public", "published", "download_count"]
    list_editable = ["public", "published"]
    list_filter = ["kind", "audience", "public", "published"]
    search_fields = ["title__unaccent", "title_en__unaccent",
                     "summary__unaccent", "summary_en__unaccent"]
    fieldsets = [
        (None, {"fields": ["title", "title_en", "summary", "summary_en", "kind"]}),
        (_("Pour qui, pour quoi"), {"fields": ["audience", "domains", "steps"]}),
        (_("Contenu"), {
            "description": _("Un fichier PDF, DOCX, ODT ou XLSX, ou bien un lien. Le contenu "
                             "du fichier est vérifié : un fichier d'un autre type, même "
                             "renommé, est refusé."),
            "fields": ["file", "link"],
        }),
        (_("Diffusion"), {"fields": ["public", "published", "created_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_downloads=Count("downloads"))

    @admin.display(description=_("téléchargements"), ordering="n_downloads")
    def download_count(self, obj):
        return obj.n_downloads
