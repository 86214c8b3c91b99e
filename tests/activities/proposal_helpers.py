"""A valid proposal, as the form posts it, for the proposal tests."""

import datetime as dt
import uuid

from django.utils import timezone

from tests.factories import SeasonFactory

# As an Iraqi reads a day: weekday (Monday first) and the Syriac month names.
ARABIC_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
IRAQI_MONTHS = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]


def arabic_day_label(day):
    """ "الأحد 22 تشرين الثاني", as the form labels a day."""
    return f"{ARABIC_WEEKDAYS[day.weekday()]} {day.day} {IRAQI_MONTHS[day.month - 1]}"


def season_ahead(**fields):
    """A season whose call for activities is open and whose days are all
    ahead, whatever day the tests run: the form offers every one of them."""
    first = timezone.localdate() + dt.timedelta(days=40)
    return SeasonFactory(start_date=first, end_date=first + dt.timedelta(days=8), **fields)


def proposal_data(season, paths, **overrides):
    """What an organizer in Baghdad types into /ar/propose/, Arabic-Indic phone included."""
    data = {
        "organization": "جمعية الأمل للتنمية",
        "organization_type": "cso",
        "governorate": "baghdad",
        "co_organizers": "",
        "website": "",
        "contact_name": "زينب علي",
        "email": "zainab@example.org",
        "phone": "٠٧٧٠ ١٢٣ ٤٥٦٧",
        "title": "ورشة عن حق الوصول إلى المياه",
        "summary": "ورشة عملية عن حق المواطنين في المياه النظيفة.",
        "description": "ورشة لمدة ساعتين يديرها خبراء في المياه والبيئة.",
        "format": "workshop",
        "masarat": [str(masar.pk) for masar in paths],
        "languages": ["ar"],
        "expected_participants": "40",
        "duration": "120",
        # The first day still ahead: the form offers no day that is past.
        "preferred_days": [day.isoformat() for day in season.days_ahead()[:1]],
        "preferred_time": "morning",
        "space_needs": ["hall"],
        "accessibility_notes": "",
        "other_notes": "",
        "accepts_principles": "on",
        "accepts_publication": "on",
        "submission_key": str(uuid.uuid4()),
        "extra_comment": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
