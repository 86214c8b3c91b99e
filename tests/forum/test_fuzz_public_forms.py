"""Arbitrary text and malformed posts at every public form and private page:
never a server error, always a page in the visitor's language."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.browser.private_pages import load_private_pages
from tests.factories import MasarFactory, SeasonFactory, TeamFactory

PUBLIC_FORMS = ["propose/", "volunteer/", "volunteer/link/"]

FIELD_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629 abc",  # right-to-left override
        "\u200f\u200e\u2066\u2069",
        '=HYPERLINK("http://evil.example","x")',
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "٠٧٧٠١٢٣٤٥٦٧",
        "+964 770 123 4567",
        "2026-13-45",
        "-1",
        "99999999999999999999",
        "ش" * 5000,
        "a@b",
        "😀" * 100,
    ]
)
TEXT = st.one_of(
    NASTY,
    st.text(max_size=40),
    st.text(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=300),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=2000),
)
VALUE = st.one_of(TEXT, st.lists(TEXT, max_size=5))


def field_names(client, url):
    html = client.get(url).content.decode()
    return sorted(set(FIELD_NAME.findall(html)) - {"csrfmiddlewaretoken"})


def fuzz_posts(client, url, max_examples, require_fields=True):
    names = field_names(client, url)
    if not names and not require_fields:
        # A page to read, not a form (an organizer's status page): a post
        # is refused (405) or answered with a page, never a server error.
        response = client.post(url, {"title": "<script>alert(1)</script>"})
        assert response.status_code in {200, 302, 303, 400, 405, 429}, response.status_code
        return
    assert names, f"no form fields found on {url}"

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        data=st.dictionaries(st.sampled_from(names), VALUE, max_size=len(names)),
        extra=st.dictionaries(st.text(max_size=20), TEXT, max_size=3),
    )
    def post(data, extra):
        cache.clear()  # rate limits would otherwise answer every later example
        response = client.post(url, {**extra, **data})
        assert response.status_code in {200, 302, 303, 400, 429}, response.status_code
        if response.status_code in {200, 400, 429}:
            page = response.content.decode()
            language = url.split("/")[1]
            assert f'<html lang="{language}"' in page
            # What was typed never comes back unescaped.
            assert "<script>alert(1)</script>" not in page

    post()


@pytest.fixture
def open_season(db):
    season = SeasonFactory()
    for _ in range(3):
        MasarFactory(season=season)
        TeamFactory(season=season)
    return season


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("path", PUBLIC_FORMS)
def test_public_forms_never_answer_a_server_error(open_season, lang, path):
    fuzz_posts(Client(), f"/{lang}/{path}", max_examples=40)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_private_pages_never_answer_a_server_error(open_season, lang):
    pages = load_private_pages()
    assert pages, "private pages register in tests/browser/private_<app>.py"
    for make_page in pages:
        path = make_page().lstrip("/")
        fuzz_posts(Client(), f"/{lang}/{path}", max_examples=25, require_fields=False)
