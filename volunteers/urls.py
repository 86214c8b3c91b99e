from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("volunteer/", views.SignupView.as_view(), name="signup"),
]
