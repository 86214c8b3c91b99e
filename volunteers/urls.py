from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("volunteer/", views.SignupView.as_view(), name="signup"),
    path("volunteer/thanks/", views.ThanksView.as_view(), name="thanks"),
    path("volunteer/teams/", views.TeamsView.as_view(), name="teams"),
    path("volunteer/link/", views.LostLinkView.as_view(), name="lost_link"),
    path("volunteer/link/sent/", views.LostLinkSentView.as_view(), name="lost_link_sent"),
    path("volunteer/deleted/", views.DeletedView.as_view(), name="deleted"),
    path(
        "volunteer/no-more-emails/<str:token>/",
        views.NoMoreEmailsView.as_view(),
        name="no_more_emails",
    ),
    # The private link: the token is the only key (see Volunteer.private_token).
    path("volunteer/me/<str:token>/", views.PrivateView.as_view(), name="private"),
    path("volunteer/me/<str:token>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("volunteer/me/<str:token>/rejoin/", views.RejoinView.as_view(), name="rejoin"),
    path("volunteer/me/<str:token>/delete/", views.DeleteView.as_view(), name="delete"),
]
