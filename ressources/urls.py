from django.urls import path

from ressources import views

urlpatterns = [
    path("", views.resource_list, name="ressources"),
    path("<int:pk>/", views.resource_detail, name="ressource"),
    path("<int:pk>/telecharger/", views.resource_download, name="ressource_telecharger"),
]
