from django.urls import path

from .views import masarat, propose

app_name = "activities"

urlpatterns = [
    path("masarat/<slug:slug>/", masarat.MasarDetailView.as_view(), name="masar"),
    path("propose/", propose.ProposeView.as_view(), name="propose"),
]
