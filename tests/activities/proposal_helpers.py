"""A valid proposal, as the form posts it, for the proposal tests."""

import uuid


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
        "preferred_days": [season.start_date.isoformat()],
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
