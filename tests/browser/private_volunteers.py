"""The volunteer's private pages, for the sitemap walk (both languages,
accessibility, no English left on the Arabic pages)."""

from tests.browser.private_pages import private_page


def make_volunteer(**overrides):
    from forum.models import Season
    from tests.factories import VolunteerFactory
    from volunteers.models import Team

    season = Season.objects.current()
    teams = list(Team.objects.filter(season=season))
    values = {
        "season": season,
        "full_name": "مريم كريم",
        "availability": [f"{season.start_date.isoformat()}.morning"],
        "skills": ["photography"],
        "languages": ["arabic", "kurdish"],
        "wishes": teams[:2],
    }
    values.update(overrides)
    return VolunteerFactory(**values)


@private_page
def volunteer_who_applied():
    """The page a new volunteer sees: status, wishes, the change form."""
    return f"volunteer/me/{make_volunteer().private_token}/"


@private_page
def volunteer_in_a_team():
    """An assigned volunteer: their team, its contact and what to do next."""
    from forum.models import Season
    from volunteers.models import Team

    team = Team.objects.filter(season=Season.objects.current()).first()
    team.contact_name = "حسين علي"
    team.contact_phone = "+9647709876543"
    team.contact_email = "team@example.org"
    team.briefing_ar = "نلتقي عند بوابة الأكاديمية في العاشرة صباحاً."
    team.briefing_en = "We meet at the Academy gate at 10 in the morning."
    team.save()
    volunteer = make_volunteer(status="assigned", team=team, wishes=[team])
    return f"volunteer/me/{volunteer.private_token}/"


# The delete page is walked by tests/browser/test_volunteer_journey.py instead:
# any post to it erases the volunteer, after which their link is rightly a 404.
