"""The email field of every public form refuses control characters, which the
standard allows in a quoted local part and which break an email's To: header."""

import unicodedata

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from activities.models import Activity
from forum.email_address import EmailAddressField
from tests.activities.proposal_helpers import proposal_data
from tests.factories import MasarFactory, SeasonFactory
from tests.volunteers.data import signup_data
from volunteers.models import Volunteer

CONTROL = st.characters(categories=["Cc"])
QUOTABLE = st.characters(codec="ascii", exclude_characters='"\\')
DOMAIN = st.sampled_from(["example.org", "mail.example.iq", "xn--mgbh0fb.example"])


@st.composite
def addresses_with_a_control_character(draw):
    """'"e07\\x01\\x0b"@example.org' and its kind: a control character in a
    quoted local part (which Django's own validator accepts), or anywhere."""
    before = draw(st.text(QUOTABLE, max_size=10))
    after = draw(st.text(QUOTABLE, max_size=10))
    control = draw(st.text(CONTROL, min_size=1, max_size=3))
    domain = draw(DOMAIN)
    return draw(
        st.sampled_from(
            [
                f'"{before}{control}{after}"@{domain}',
                f"zainab{control}@{domain}",
                f"zainab@{domain}{control}x",
                f'"{before}\\{control[0]}"@{domain}',
            ]
        )
    )


@given(address=addresses_with_a_control_character())
def test_an_address_with_a_control_character_is_refused_with_the_usual_message(address):
    assert any(unicodedata.category(char) == "Cc" for char in address)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            EmailAddressField().clean(address)
        # (With a NUL, Django adds "Null characters are not allowed.")
        assert "Enter a valid email address." in refused.value.messages


@pytest.mark.parametrize(
    "address",
    ["zainab@example.org", '"zainab@home"@example.org', "o'brien+isf@mail.example.iq"],
)
def test_ordinary_addresses_are_still_accepted(address):
    assert EmailAddressField().clean(f" {address} ") == address


BAD_ADDRESS = '"e07\x01\x0b"@example.org'


@pytest.fixture
def open_season(db):
    season = SeasonFactory()
    return season, [MasarFactory(season=season) for _ in range(2)]


def posted(lang, path, data):
    response = Client().post(f"/{lang}/{path}", data)
    with translation.override(lang):
        message = translation.gettext("Enter a valid email address.")
    return response, message


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_public_form_refuses_an_address_with_a_control_character(open_season, lang):
    season, masarat = open_season
    forms = {
        "propose/": proposal_data(season, masarat, email=BAD_ADDRESS),
        "volunteer/": signup_data(email=BAD_ADDRESS),
        "volunteer/link/": {"email": BAD_ADDRESS, "fax_number": ""},
    }
    for path, data in forms.items():
        response, message = posted(lang, path, data)
        assert response.status_code == 200, path
        assert message in response.content.decode(), path
    assert Activity.objects.count() == 0
    assert Volunteer.objects.count() == 0
    assert mail.outbox == []
