from django.urls import path

from jumelage import views

app_name = "jumelage"

urlpatterns = [
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/accepter/", views.invitation_accept, name="accepter"),
    path("invitations/<int:pk>/decliner/", views.invitation_decline, name="decliner"),
    path("invitations/<int:pk>/observation/", views.invitation_observation,
         name="observation"),
]
