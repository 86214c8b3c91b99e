from django.urls import include, path

from .convergence import views as convergence
from .views import masarat, programme, propose

app_name = "activities"

# A season's programme, masar pages and exports, for ever under
# /seasons/<number>/; the same views answer at the short addresses below with
# the current season.
season_patterns = [
    path("programme/", programme.ProgrammeView.as_view(), name="season_programme"),
    path(
        "programme/calendar.ics",
        programme.ProgrammeCalendarView.as_view(),
        name="season_programme_ics",
    ),
    path("programme/schedule.xml", programme.ScheduleXmlView.as_view(), name="season_schedule_xml"),
    path(
        "programme/schedule.json", programme.ScheduleJsonView.as_view(), name="season_schedule_json"
    ),
    path("masarat/<slug:slug>/", masarat.MasarDetailView.as_view(), name="season_masar"),
    path(
        "masarat/<slug:slug>/calendar.ics",
        masarat.MasarCalendarView.as_view(),
        name="season_masar_ics",
    ),
]

urlpatterns = [
    path("seasons/<int:number>/", include(season_patterns)),
    path("masarat/<slug:slug>/", masarat.MasarDetailView.as_view(), name="masar"),
    # The public programme and its exports (activities/views/programme.py).
    path("masarat/<slug:slug>/calendar.ics", masarat.MasarCalendarView.as_view(), name="masar_ics"),
    path("programme/", programme.ProgrammeView.as_view(), name="programme"),
    path("programme/<int:pk>/", programme.ActivityDetailView.as_view(), name="detail"),
    path(
        "programme/<int:pk>/calendar.ics",
        programme.ActivityCalendarView.as_view(),
        name="detail_ics",
    ),
    path("programme/calendar.ics", programme.ProgrammeCalendarView.as_view(), name="programme_ics"),
    path("programme/schedule.xml", programme.ScheduleXmlView.as_view(), name="schedule_xml"),
    path("programme/schedule.json", programme.ScheduleJsonView.as_view(), name="schedule_json"),
    path("programme/mine/", programme.MyProgrammeView.as_view(), name="my_programme"),
    path(
        "programme/mine/calendar.ics",
        programme.MyProgrammeCalendarView.as_view(),
        name="my_programme_ics",
    ),
    path("propose/", propose.ProposeView.as_view(), name="propose"),
    path("propose/thanks/<str:token>/", propose.ThanksView.as_view(), name="propose_thanks"),
    path("propose/status/<str:token>/", propose.PrivateStatusView.as_view(), name="private"),
    path(
        "propose/status/<str:token>/edit/",
        propose.PrivateEditView.as_view(),
        name="private_edit",
    ),
    path(
        "propose/status/<str:token>/again/",
        propose.ProposeAgainView.as_view(),
        name="propose_again",
    ),
    path(
        "propose/status/<str:token>/withdraw/",
        propose.PrivateWithdrawView.as_view(),
        name="private_withdraw",
    ),
    path(
        "propose/status/<str:token>/converge/<int:pk>/",
        convergence.InviteView.as_view(),
        name="converge_invite",
    ),
    path(
        "propose/status/<str:token>/converge/answer/<int:pk>/",
        convergence.AnswerView.as_view(),
        name="converge_answer",
    ),
]
