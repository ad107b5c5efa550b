from django.urls import path

from accompagnement import views

app_name = "accompagnement"

urlpatterns = [
    path("equipe/soutien/", views.support_list, name="soutien"),
    path("equipe/soutien/nouvelle/", views.support_create, name="soutien_nouvelle"),
    path("equipe/soutien/<int:pk>/", views.support_detail, name="soutien_detail"),
    path("equipe/projets/<int:pk>/plan/", views.plan_edit, name="plan_modifier"),
    path("projets/<int:pk>/plan/", views.plan_detail, name="plan"),
    path("projets/<int:pk>/plan/commentaire/", views.plan_comment, name="plan_commentaire"),
    path("projets/<int:pk>/plan/accord/", views.plan_agree, name="plan_accord"),
]
