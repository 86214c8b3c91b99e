"""The organizer's private pages, for the sitemap walk (both languages,
accessibility, no English left on the Arabic pages)."""

import datetime as dt

from tests.browser.private_pages import private_page


def make_proposal(**overrides):
    from activities.models import Masar
    from forum.models import Season
    from tests.factories import ActivityFactory

    season = Season.objects.current()
    values = {
        "season": season,
        "title_ar": "ورشة عن حق الوصول إلى المياه",
        "title_en": "",
        "summary_ar": "ورشة عملية عن حق المواطنين في المياه النظيفة.",
        "summary_en": "",
        "description_ar": "ورشة لمدة ساعتين يديرها خبراء في المياه والبيئة.",
        "description_en": "",
        "organization_ar": "جمعية الأمل للتنمية",
        "organization_en": "",
        "co_organizers_ar": "نقابة المعلمين",
        "contact_name": "زينب علي",
        "submitted_language": "ar",
        "contact_language": "ar",
        "preferred_days": [season.start_date.isoformat()],
        "languages": ["ar", "ku"],
        "interpretation_needed": True,
        "expected_participants": 40,
        "masarat": list(Masar.objects.filter(season=season)[:2]),
    }
    values.update(overrides)
    return ActivityFactory(**values)


@private_page
def proposal_status_page():
    return f"propose/status/{make_proposal().private_token}/"


@private_page
def proposal_thanks_page():
    return f"propose/thanks/{make_proposal().private_token}/"


@private_page
def proposal_edit_page():
    return f"propose/status/{make_proposal().private_token}/edit/"


@private_page
def proposal_withdraw_page():
    return f"propose/status/{make_proposal().private_token}/withdraw/"


@private_page
def proposal_with_changes_requested():
    from activities import services

    activity = make_proposal()
    services.request_changes(activity, by=None, message="يرجى ذكر أسماء المتحدثين ومدة كل فقرة.")
    return f"propose/status/{activity.private_token}/"


@private_page
def accepted_and_scheduled_proposal():
    from django.utils import timezone

    from activities import services
    from activities.models import Activity
    from forum.models import Space

    activity = services.accept_activity(make_proposal(), by=None)
    season = activity.season
    space = Space.objects.filter(venue__season=season).first()
    if space is None:
        from tests.factories import SpaceFactory, VenueFactory

        space = SpaceFactory(venue=VenueFactory(season=season))
    # A slot no demo activity holds: late evening on the last day.
    start = timezone.make_aware(dt.datetime.combine(season.end_date, dt.time(22, 0)))
    assert not Activity.objects.clashing_with(
        space=space, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    ).exists()
    services.schedule_activity(
        activity,
        space=space,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    return f"propose/status/{activity.private_token}/"


def proposal_of_an_earlier_season():
    from activities.models import Masar
    from tests.browser.private_pages import earlier_season

    earlier = earlier_season()
    return make_proposal(
        season=earlier,
        preferred_days=[earlier.start_date.isoformat()],
        masarat=list(Masar.objects.filter(season=earlier)[:2]),
    )


@private_page
def past_proposal_offered_a_new_one():
    """A past season's proposal (the real 5th in the demo), the current season's
    call open: its page offers to propose again, pre-filled."""
    return f"propose/status/{proposal_of_an_earlier_season().private_token}/"


@private_page
def proposal_again_with_its_old_text():
    return f"propose/status/{proposal_of_an_earlier_season().private_token}/again/?text=1"
