from django.urls import path

from communaute import views

urlpatterns = [
    path("rejoindre/", views.join, name="rejoindre"),
    path("rejoindre/merci/", views.join_done, name="rejoindre_merci"),
    path("rejoindre/<slug:step>/", views.join, name="rejoindre_etape"),
    path("espace/", views.space, name="espace"),
    path("espace/profil/", views.profile_edit, name="profil"),
    path("espace/pause/", views.pause, name="pause"),
    path("espace/reprendre/", views.resume, name="reprendre"),
    path("espace/retrait/", views.withdraw, name="retrait"),
    path("espace/consentements/", views.consents, name="consentements"),
    path("espace/engagement-confidentialite/", views.confidentiality,
         name="engagement_confidentialite"),
    path("espace/mes-donnees/", views.my_data, name="mes_donnees"),
    path("espace/mes-donnees.json", views.my_data_json, name="mes_donnees_json"),
    path("espace/supprimer/", views.account_delete, name="supprimer_compte"),
    path("confidentialite/", views.privacy, name="confidentialite"),
]
