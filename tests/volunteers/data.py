"""What the volunteer forms post, for the tests."""


def signup_data(teams=None, **changes):
    """A complete, valid sign-up as the form posts it."""
    data = {
        "full_name": "Zainab Hasan",
        "email": "zainab@example.org",
        "phone": "0770 123 4567",
        "governorate": "basra",
        "age_group": "18-24",
        "gender": "female",
        "languages": ["arabic", "english"],
        "skills": ["photography"],
        "availability": ["2026-11-22.morning", "2026-11-22.evening", "2026-11-24.afternoon"],
        "wish_1": teams["media"].pk if teams else "",
        "wish_2": teams["logistics"].pk if teams else "",
        "wish_3": "",
        "motivation": "I want to help.",
        "consents_to_data_use": "on",
        "extra_comment": "",
        "submission_key": "6f1c2a8e-0d4b-4b8e-9a57-1b2c3d4e5f60",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
