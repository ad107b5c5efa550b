from django.urls import path

from recrutement import views

urlpatterns = [
    path("projets/", views.project_list, name="projets"),
    path("equipes/inscription/", views.team_signup, name="equipe_inscription"),
]
