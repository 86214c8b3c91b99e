import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from forum.phone import PhoneField, normalize_phone


@pytest.mark.parametrize(
    "typed",
    [
        "07701234567",
        "0770 123 4567",
        "0770-123-4567",
        "+964 770 123 4567",
        "00964 770 123 4567",
        "٠٧٧٠١٢٣٤٥٦٧",
        "٠٧٧٠ ١٢٣ ٤٥٦٧",
        "+٩٦٤ ٧٧٠ ١٢٣ ٤٥٦٧",
        "۰۷۷۰۱۲۳۴۵۶۷",
    ],
)
def test_iraqi_numbers_as_typed_are_stored_in_e164(typed):
    assert normalize_phone(typed) == "+9647701234567"


def test_a_foreign_number_with_its_country_code_is_kept():
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"


@pytest.mark.parametrize("typed", ["12", "hello", "0770", "+964 12"])
def test_a_number_that_cannot_be_a_phone_is_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as error:
        normalize_phone(typed)
    assert error.value.code == "invalid_phone"


def test_the_message_is_in_the_visitors_language():
    field = PhoneField()
    for language, expected in [("ar", "رقم الهاتف"), ("en", "phone number")]:
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                field.clean("123")
            assert expected in error.value.messages[0]


def test_the_field_asks_phones_for_a_phone_keypad_left_to_right():
    html = PhoneField().widget.render("phone", "")
    assert 'type="tel"' in html and 'inputmode="tel"' in html and 'dir="ltr"' in html
    assert html.count(" type=") == 1  # one type attribute: valid HTML
