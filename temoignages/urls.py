from django.urls import path

from temoignages import views
from temoignages.feeds import StoryFeed

urlpatterns = [
    path("", views.story_list, name="temoignages"),
    path("flux/", StoryFeed(), name="temoignages_flux"),
    path("ecrire/", views.story_write, name="temoignage_ecrire"),
    path("mes-temoignages/", views.my_stories, name="mes_temoignages"),
    path("<int:pk>/", views.story_detail, name="temoignage"),
    path("<int:pk>/modifier/", views.story_edit, name="temoignage_modifier"),
    path("<int:pk>/retrait/", views.story_take_back, name="temoignage_retrait"),
]
