import datetime as dt
import uuid

from django.utils import timezone

from tests.factories import ScheduledActivityFactory


def activity_that_took_place(season, masar, *, days_ago=2, **fields):
    """An accepted, scheduled activity that ended `days_ago` days before now
    (built from the clock, never from a calendar date)."""
    starts_at = timezone.now() - dt.timedelta(days=days_ago, hours=3)
    return ScheduledActivityFactory(
        season=season,
        masarat=[masar],
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=90),
        **fields,
    )


def formset(prefix, rows, *, initial=0):
    """POST data of a formset: its management form and its rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def report_data(masar, *, account, recommendations, initiatives=(), participants="40"):
    return {
        "account": account,
        "participants": participants,
        "women": "22",
        "young": "15",
        **formset(
            "recommendations",
            [
                {"text": text, "masar": str(masar.pk), "addressee": to}
                for text, to in recommendations
            ]
            + [{"text": "", "masar": "", "addressee": ""}],
        ),
        **formset(
            "initiatives",
            [
                {
                    "title": title,
                    "description": description,
                    "call_to_join": call,
                    "starts_on": starts_on,
                    "ends_on": ends_on,
                }
                for title, description, call, starts_on, ends_on in initiatives
            ],
        ),
    }


def join_data(**overrides):
    return {
        "organization": "شبكة النهرين",
        "organization_type": "cso",
        "governorate": "basra",
        "email": "nahrain@example.org",
        "submission_key": str(uuid.uuid4()),
        "extra_comment": "",
        **overrides,
    }
