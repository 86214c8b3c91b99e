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


def invitation_of_a_past_volunteer(email):
    """A volunteer of a past season (the real 5th in the demo), agreed to
    future contact, invited to the current season."""
    from forum.models import Season
    from tests.browser.private_pages import earlier_season
    from tests.factories import VolunteerFactory
    from volunteers import invitations
    from volunteers.models import Invitation, Volunteer

    past = VolunteerFactory(
        season=earlier_season(),
        full_name="مريم كريم",
        email=email,
        consents_to_future_contact=True,
        skills=["photography"],
    )
    invitations.invite_volunteers(
        volunteers=Volunteer.objects.filter(pk=past.pk),
        season=Season.objects.current(),
    )
    return Invitation.objects.get(volunteer=past)


@private_page
def sign_up_pre_filled_by_an_invitation():
    """The link in the email inviting a past volunteer back: the form, pre-filled."""
    token = invitation_of_a_past_volunteer("invited@example.org").token
    return f"volunteer/?invitation={token}"


@private_page
def no_more_emails():
    """The invitation's "no more emails" link, once opened."""
    token = invitation_of_a_past_volunteer("stop@example.org").token
    return f"volunteer/no-more-emails/{token}/"
