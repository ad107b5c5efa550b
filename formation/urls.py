from django.urls import path

from formation import views

urlpatterns = [
    path("", views.catalogue, name="formations"),
]
