from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("seasons/<int:number>/outcomes/", views.SeasonOutcomesView.as_view(), name="season"),
    path(
        "seasons/<int:number>/outcomes/calendar/",
        views.ActionCalendarView.as_view(),
        name="calendar",
    ),
    path(
        "seasons/<int:number>/outcomes/calendar.ics",
        views.ActionCalendarIcsView.as_view(),
        name="calendar_ics",
    ),
    path(
        "seasons/<int:number>/initiatives/<int:pk>/",
        views.InitiativeView.as_view(),
        name="initiative",
    ),
    path("initiatives/joined/<str:token>/", views.MembershipView.as_view(), name="membership"),
    path("propose/status/<str:token>/outcomes/", views.ReportView.as_view(), name="report"),
]
