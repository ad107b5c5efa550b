from django.urls import path

from recrutement import views

urlpatterns = [
    path("", views.home, name="accueil"),
    path("projets/", views.project_list, name="projets"),
    path("equipes/inscription/", views.team_signup, name="equipe_inscription"),
    path("equipes/invitation/<str:token>/", views.team_invitation, name="equipe_invitation"),
    path("equipe/<int:team_pk>/inviter/", views.team_invite, name="equipe_inviter"),
    path("equipe/projets/nouveau/", views.project_create, name="equipe_projet_nouveau"),
    path("equipe/projets/<int:pk>/modifier/", views.project_edit, name="equipe_projet_modifier"),
    path("equipe/projets/<int:pk>/dupliquer/", views.project_duplicate,
         name="equipe_projet_dupliquer"),
    path("equipe/projets/<int:pk>/demande/", views.match_request_create,
         name="equipe_projet_demande"),
    path("equipe/projets/<int:pk>/<slug:action>/", views.project_action,
         name="equipe_projet_action"),
]
