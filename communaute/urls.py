from django.urls import path

from communaute import views

urlpatterns = [
    path("rejoindre/", views.join, name="rejoindre"),
    path("espace/", views.space, name="espace"),
    path("confidentialite/", views.privacy, name="confidentialite"),
]
