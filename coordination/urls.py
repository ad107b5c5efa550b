from django.urls import path

from coordination import views

urlpatterns = [
    path("", views.dashboard, name="indicateurs"),
    path("<slug:slug>.csv", views.dashboard_csv, name="indicateurs_csv"),
]
