from django.urls import path

from mentorat import views

app_name = "mentorat"

urlpatterns = [
    path("espace/mentorat/", views.space, name="espace"),
    path("espace/mentorat/offrir/", views.offer, name="offrir"),
    path("espace/mentorat/offre/retirer/", views.offer_withdraw, name="offre_retirer"),
    path("espace/mentorat/demander/", views.ask, name="demander"),
    path("espace/mentorat/demande/retirer/", views.ask_withdraw, name="demande_retirer"),
    path("espace/mentorat/<int:pk>/accepter/", views.accept, name="accepter"),
    path("espace/mentorat/<int:pk>/decliner/", views.decline, name="decliner"),
    path("espace/mentorat/<int:pk>/heures/", views.hours, name="heures"),
    path("espace/mentorat/bilans/<int:pk>/", views.check_in, name="bilan"),
]
