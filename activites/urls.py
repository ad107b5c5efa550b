from django.urls import path

from activites import views

urlpatterns = [
    path("", views.activity_list, name="activites"),
    path("inscriptions/<int:pk>/annulation/", views.cancel, name="activite_annulation"),
    path("<slug:slug>/", views.activity_detail, name="activite"),
    path("<slug:slug>/inscription/", views.register, name="activite_inscription"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="activite_document"),
]
