from django.urls import path

from formation import views

urlpatterns = [
    path("", views.catalogue, name="formations"),
    path("declarer/", views.declare, name="formation_declaration"),
    path("seances/<int:pk>/inscription/", views.enrol, name="formation_inscription"),
    path("inscriptions/<int:pk>/annulation/", views.cancel, name="formation_annulation"),
    path("attestations/<int:pk>/", views.attestation, name="attestation"),
    path("<slug:slug>/", views.course_detail, name="formation"),
]
