from django.urls import path

from jumelage import views

app_name = "jumelage"

urlpatterns = [
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/accepter/", views.invitation_accept, name="accepter"),
    path("invitations/<int:pk>/decliner/", views.invitation_decline, name="decliner"),
    path("invitations/<int:pk>/observation/", views.invitation_observation,
         name="observation"),
    path("engagements/<int:pk>/heures/", views.hours_declare, name="heures"),
    path("engagements/<int:pk>/evaluation/", views.evaluation_member, name="evaluation_membre"),
    path("equipe/engagements/<int:pk>/evaluation/", views.evaluation_team,
         name="evaluation_equipe"),
    path("equipe/heures/<int:pk>/confirmer/", views.hours_confirm, name="heures_confirmer"),
    path("equipe/heures/<int:pk>/contester/", views.hours_contest, name="heures_contester"),
    path("espace/attestation-implication/", views.attestation, name="attestation"),
    path("attestations-implication/<int:member_pk>/", views.attestation_for_member,
         name="attestation_membre"),
]

# The project and team pages that show pairings keep the names recrutement's templates use.
project_and_team_pages = [
    path("projets/<int:pk>/", views.project_detail, name="projet"),
    path("projets/<int:pk>/interet/", views.project_interest, name="projet_interet"),
    path("equipe/", views.team_space, name="equipe"),
    path("equipe/projets/<int:pk>/", views.team_project, name="equipe_projet"),
    path("equipe/projets/<int:pk>/retombees/", views.project_contribution,
         name="equipe_projet_retombees"),
]
