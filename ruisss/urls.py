from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from jumelage.urls import project_and_team_pages
from ruisss import views

# The admin login goes through allauth's, so its rate limits protect the admin too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Communauté de pratique des citoyen(ne)s du RUISSS UL"
admin.site.site_title = "Coordination RUISSS UL"
admin.site.index_title = "Coordination"

urlpatterns = [
    path("sante/", views.health, name="sante"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("comptes/", include("allauth.urls")),
    path("admin/indicateurs/", include("coordination.urls")),
    path("admin/", admin.site.urls),
    path("", include("communaute.urls")),
    # Before recrutement's, whose /equipe/projets/<pk>/<action>/ would take the plan's.
    path("", include("accompagnement.urls")),
    path("", include("mentorat.urls")),
    path("", include(project_and_team_pages)),
    path("", include("recrutement.urls")),
    path("", include("jumelage.urls")),
    path("formations/", include("formation.urls")),
    path("activites/", include("activites.urls")),
    path("ressources/", include("ressources.urls")),
    path("temoignages/", include("temoignages.urls")),
]
