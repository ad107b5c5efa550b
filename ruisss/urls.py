from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from ruisss import views

# The admin login goes through allauth's, so its rate limits protect the admin too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Communauté de pratique des citoyen(ne)s du RUISSS UL"
admin.site.site_title = "Coordination RUISSS UL"
admin.site.index_title = "Coordination"

urlpatterns = [
    path("", views.home, name="accueil"),
    path("sante/", views.health, name="sante"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("comptes/", include("allauth.urls")),
    path("admin/indicateurs/", views.dashboard, name="indicateurs"),
    path("admin/indicateurs/<slug:slug>.csv", views.dashboard_csv, name="indicateurs_csv"),
    path("admin/", admin.site.urls),
    path("", include("communaute.urls")),
    path("", include("recrutement.urls")),
    path("", include("jumelage.urls")),
    path("formations/", include("formation.urls")),
]
