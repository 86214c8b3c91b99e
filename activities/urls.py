from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("masarat/<slug:slug>/", views.MasarDetailView.as_view(), name="masar"),
    path("propose/", views.ProposeView.as_view(), name="propose"),
]
