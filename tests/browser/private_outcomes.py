"""The outcomes' private pages, for the sitemap walk: the organizer's report
form (after the activity) and the page of an organization that joined an
initiative."""

import datetime as dt

from django.utils import timezone

from tests.browser.private_activities import make_proposal
from tests.browser.private_pages import private_page


@private_page
def outcome_report_page():
    # On the minute, as the programme's times are (<time datetime> takes no microseconds).
    ends_at = (timezone.now() - dt.timedelta(days=1)).replace(second=0, microsecond=0)
    from forum.models import Season
    from tests.factories import SpaceFactory

    season = Season.objects.current()
    activity = make_proposal(
        status="accepted",
        space=SpaceFactory(venue__season=season),
        starts_at=ends_at - dt.timedelta(hours=2),
        ends_at=ends_at,
    )
    return f"propose/status/{activity.private_token}/outcomes/"


@private_page
def initiative_membership_page():
    from outcomes.models import InitiativeMember

    member = InitiativeMember.objects.filter(status="approved").first()
    if member is None:  # a season without the demo's outcomes: make one
        from outcomes.models import Initiative, Outcome

        activity = make_proposal(status="accepted")
        outcome = Outcome.objects.create(
            activity=activity, account_ar="نوقشت الحلول", participants=20, status="published"
        )
        initiative = Initiative.objects.create(
            outcome=outcome, title_ar="حملة المياه", description_ar="حملة توعية"
        )
        member = InitiativeMember.objects.create(
            initiative=initiative,
            organization="رابطة شباب الموصل",
            organization_type="cso",
            governorate="nineveh",
            email="youth@example.org",
            status="approved",
        )
    return f"initiatives/joined/{member.private_token}/"
