"""Odd requests at every public page, public form and private page: Unicode
digits and huge numbers in every query parameter, any charset named in
Content-Type, arbitrary proxy and Host headers. Never a server error: the
page itself, or the bilingual 400 page, in the URL's language.

The pages, forms and query parameters are found, not listed: the sitemap,
the links and GET forms on its pages, and the private pages registered in
tests/browser/private_<app>.py. A page added later is fuzzed with no new code.
"""

import codecs
import encodings.aliases
import io
import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.models import Activity
from forum.models import Season
from tests.browser.private_pages import load_private_pages
from volunteers.models import Volunteer

LANGUAGES = ["ar", "en"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HREF = re.compile(r'href="(/(?:ar|en)/[^"]*)"')
GET_FORM = re.compile(r'<form(?![^>]*method="post")[^>]*>(.*?)</form>', re.S | re.I)
FIELD_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
# Names an integer might hide behind, on any page, whether or not it reads them.
LIKELY_PARAMETERS = ["ids", "id", "pk", "day", "masar", "space", "venue", "place", "page", "number"]
FORMS = ["propose/", "volunteer/", "volunteer/link/", "admin/login/"]
BAD_REQUEST = {"ar": "تعذّرت قراءة هذا الطلب", "en": "This request could not be read"}


# What an HTTP server hands on as a header value: latin-1 text without the
# control characters that gunicorn (and nginx) refuse before Django sees them.
HEADER_CHARACTER = st.characters(
    codec="latin-1", exclude_characters=[chr(c) for c in range(32) if c != 9] + ["\x7f"]
)
HEADER_TEXT = st.text(HEADER_CHARACTER, max_size=60)


def fuzz(examples):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# -- integer-ish values -------------------------------------------------------

# Every Unicode digit: decimal digits of any script (Nd: ٣, ३, ３) and the
# other digits that are digits to str.isdigit() but not numbers to int()
# (No: ①, ², ⅓, 𝟙 is Nd).
UNICODE_DIGITS = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=12)
HUGE = st.one_of(
    st.integers(min_value=2**31 - 2, max_value=2**70).map(str),
    st.integers(min_value=-(2**70), max_value=0).map(str),
    st.integers(min_value=20, max_value=6000).map(lambda digits: "9" * digits),
)
NUMBER = st.one_of(
    UNICODE_DIGITS,
    HUGE,
    st.integers(min_value=1, max_value=10**6).map(str),
    # ASCII and other digits mixed, and number-like punctuation.
    st.lists(st.sampled_from(["1", "٣", "①", "²", "-", "+", " ", ".", "e", "_"]), max_size=8).map(
        "".join
    ),
)
INTEGERISH = st.one_of(
    NUMBER,
    # How the programme's filters name a place, a day.
    st.tuples(st.sampled_from(["space-", "venue-", "2026-11-"]), NUMBER).map("".join),
    # A list, as "my programme" shares one.
    st.lists(NUMBER, min_size=1, max_size=6).map(",".join),
)


# -- the site, and what is on it ----------------------------------------------


@pytest.fixture
def site(db):
    """The seeded season, a small published programme and the private pages."""
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=6, stdout=io.StringIO())
    return [make_page().lstrip("/") for make_page in load_private_pages()]


def sitemap_paths(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}


def public_pages(client):
    """{path: names of its query parameters}: every page in the sitemap, a
    shared "my programme" link, and every page of ours they link to
    (exports, calendars), with the parameters of their links and GET forms."""
    ids = ",".join(str(pk) for pk in Activity.objects.published().values_list("pk", flat=True))
    starts = [
        *sorted(sitemap_paths(client)),
        *[f"/{lang}/programme/mine/?ids={ids}" for lang in LANGUAGES],
        # The short addresses of the current season, which the sitemap leaves
        # to the seasons' own.
        *[f"/{lang}/programme/" for lang in LANGUAGES],
    ]
    pages = {}
    for start in starts:
        url = urlsplit(start)
        pages.setdefault(url.path, set()).update(name for name, _ in parse_qsl(url.query))
        html = client.get(start).content.decode()
        for href in HREF.findall(html):
            link = urlsplit(unescape(href))
            names = pages.setdefault(link.path, set())
            names.update(name for name, _value in parse_qsl(link.query, keep_blank_values=True))
        for form in GET_FORM.findall(html):
            pages[url.path].update(FIELD_NAME.findall(form))
    return {path: names for path, names in pages.items() if "/admin/" not in path}


def assert_a_page_in_its_language(response, path, allowed=(200, 400)):
    """An allowed status and, unless it is a redirect or a 405 (no body),
    an HTML page in the URL's language (or, with 200, an export)."""
    assert response.status_code in allowed, (path, response.status_code)
    if response.status_code in {302, 303, 405}:
        return
    is_html = response["Content-Type"].startswith("text/html")
    assert is_html or response.status_code == 200, (path, response["Content-Type"])
    if is_html:
        language = path.split("/")[1]
        assert f'<html lang="{language}"' in response.content.decode()


# -- 1. Unicode digits and huge numbers in every query parameter ---------------


def test_every_public_page_reads_any_digits_in_any_query_parameter(site):
    client = Client(raise_request_exception=False)
    pages = public_pages(client)
    # What was found: the programme's filters and "my programme" among them.
    current = Season.objects.current().number
    for programme in ["/en/programme/", f"/en/seasons/{current}/programme/"]:
        assert {"q", "day", "masar", "place", "format", "language"} <= pages[programme]
    assert "ids" in pages["/ar/programme/mine/calendar.ics"]
    assert len(pages) > 40, sorted(pages)

    for path, names in sorted(pages.items()):
        fuzz_query(client, path, sorted(names | set(LIKELY_PARAMETERS)))


def fuzz_query(client, path, names):
    @fuzz(6)
    @given(
        query=st.one_of(
            st.fixed_dictionaries(dict.fromkeys(names, INTEGERISH)),
            st.dictionaries(st.sampled_from(names), INTEGERISH, min_size=1, max_size=3),
        )
    )
    def get(query):
        response = client.get(f"{path}?{urlencode(query)}")
        assert_a_page_in_its_language(response, path, allowed=(200,))

    get()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "ids", ["①", "١,٢,①", "²", "9" * 5000, str(2**63), str(2**64), "-1", "𝟙,𝟚", "1_000"]
)
def test_my_programme_ignores_ids_that_are_not_activities(site, lang, ids):
    client = Client()
    page = client.get(f"/{lang}/programme/mine/", {"ids": ids})
    assert page.status_code == 200
    assert 'data-ids=""' in page.content.decode()
    calendar = client.get(f"/{lang}/programme/mine/calendar.ics", {"ids": ids})
    assert calendar.status_code == 200
    assert "BEGIN:VEVENT" not in calendar.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_my_programme_reads_ids_in_arabic_indic_digits(site, lang):
    first, second = Activity.objects.published().order_by("pk")[:2]
    arabic = str(second.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    html = Client().get(f"/{lang}/programme/mine/", {"ids": f"{first.pk},{arabic},①"})
    page = html.content.decode()
    assert page.count('class="activity-card') == 2
    assert f"activity-{first.pk}-title" in page
    assert f"activity-{second.pk}-title" in page


# -- 2. any charset named in Content-Type ---------------------------------------

# Every codec name Python knows, some it does not, and anything at all.


def _has_codec(name):
    try:
        return bool(codecs.lookup(name))
    except LookupError:  # a Windows-only codec (mbcs)
        return False


KNOWN_CHARSETS = sorted(
    name
    for name in set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    if _has_codec(name)
)
REFUSED = ["latin-1", "utf-16", "utf-7", "cp037", "utf-32", "utf-8-sig", "no-such-charset"]
UTF8_NAMES = ["utf-8", "UTF-8", "utf8", "UTF8", "utf_8", "us-ascii", "ascii"]
CHARSET = st.one_of(
    st.sampled_from(REFUSED),
    st.sampled_from(UTF8_NAMES),
    st.sampled_from(KNOWN_CHARSETS),
    st.text(HEADER_CHARACTER, max_size=30),
)
CONTENT_TYPE = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=fuzzboundary",
        "text/plain",
        "application/json",
    ]
)
FORM_TEXT = st.one_of(
    st.sampled_from(["", "a@example.org", "زينب علي", "٠٧٧٠١٢٣٤٥٦٧", "é ü ß", "😀"]),
    st.text(max_size=30),
)
CSRF_SECRET = "fuzz" * 8  # a well-formed token: the posts reach the forms


def must_be_refused(charset):
    """Whether a charset the test chose by name is one the site must refuse
    (a random name may or may not be read as one Python knows)."""
    if charset in KNOWN_CHARSETS:
        return codecs.lookup(charset).name not in {"utf-8", "ascii"}
    return charset in REFUSED


def encode(text, charset):
    try:
        return text.encode(charset.strip().strip('"') or "utf-8", errors="replace")
    except (LookupError, ValueError, TypeError, UnicodeError):
        return text.encode("utf-8")


def body(content_type, fields, charset):
    if content_type.startswith("multipart/"):
        parts = [
            b'--fuzzboundary\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (encode(name, charset), encode(value, charset))
            for name, value in fields.items()
        ]
        return b"".join(parts) + b"--fuzzboundary--\r\n"
    return encode("&".join(f"{name}={value}" for name, value in fields.items()), charset)


def post_pages(site):
    return [f"/{lang}/{path}" for lang in LANGUAGES for path in [*FORMS, *site]]


def test_every_form_and_private_page_answers_any_charset_with_a_page(site):
    # As a browser posts: the CSRF check reads the body first.
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_SECRET
    for path in post_pages(site):
        names = sorted(set(FIELD_NAME.findall(client.get(path).content.decode())) or {"x"})
        fuzz_charsets(client, path, names)


def fuzz_charsets(client, path, names):
    @fuzz(10)
    @given(
        charset=CHARSET,
        content_type=CONTENT_TYPE,
        fields=st.dictionaries(st.sampled_from(names), FORM_TEXT, max_size=len(names)),
        encoded_in=st.sampled_from(["declared", "utf-8", "latin-1", "utf-16"]),
    )
    def post(charset, content_type, fields, encoded_in):
        cache.clear()  # rate limits would otherwise answer every later example
        fields = {**fields, "csrfmiddlewaretoken": CSRF_SECRET}
        sent = body(content_type, fields, charset if encoded_in == "declared" else encoded_in)
        response = client.generic(
            "POST", path, sent, content_type=f"{content_type}; charset={charset}"
        )
        # 403: the token was lost in a charset read as UTF-8; 404: a
        # private page deleted by an earlier example; 405: a page to read.
        allowed = (200, 302, 303, 400, 403, 404, 405, 429)
        assert_a_page_in_its_language(response, path, allowed)
        if must_be_refused(charset):
            assert response.status_code == 400
            assert BAD_REQUEST[path.split("/")[1]] in response.content.decode()

    post()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("charset", REFUSED)
def test_a_form_sent_in_another_charset_gets_the_400_page_and_saves_nothing(site, lang, charset):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_SECRET
    data = f"csrfmiddlewaretoken={CSRF_SECRET}&email=a%40example.org&full_name=Zainab"
    before = Volunteer.objects.count(), Activity.objects.count()
    for path in ["volunteer/", "propose/", "volunteer/link/"]:
        response = client.generic(
            "POST",
            f"/{lang}/{path}",
            data.encode(),
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
        assert response.status_code == 400
        assert BAD_REQUEST[lang] in response.content.decode()
    assert (Volunteer.objects.count(), Activity.objects.count()) == before


@pytest.mark.parametrize("charset", UTF8_NAMES)
def test_a_form_that_names_utf8_in_any_spelling_is_read(site, charset):
    client = Client()
    response = client.generic(
        "POST",
        "/en/volunteer/link/",
        b"email=zainab%40example.org",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/volunteer/link/sent/"


def test_form_data_that_is_not_utf8_gets_the_400_page(site):
    response = Client(raise_request_exception=False).generic(
        "POST",
        "/ar/volunteer/link/",
        "email=زينب@example.org".encode("cp1256"),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert BAD_REQUEST["ar"] in response.content.decode()


# -- 3. arbitrary proxy and Host headers -----------------------------------------

ADDRESS = st.one_of(st.ip_addresses().map(str), HEADER_TEXT)
HEADERS = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_X_FORWARDED_FOR": st.one_of(
            HEADER_TEXT, st.lists(ADDRESS, min_size=1, max_size=4).map(", ".join)
        ),
        "HTTP_X_FORWARDED_PROTO": st.one_of(
            st.sampled_from(["https", "http", "https, http", "HTTPS", ""]), HEADER_TEXT
        ),
        "HTTP_HOST": st.one_of(
            st.sampled_from(
                ["testserver", "localhost", "[::1]", "testserver:99999999999", "evil.example"]
            ),
            HEADER_TEXT,
        ),
        "HTTP_X_FORWARDED_HOST": HEADER_TEXT,
        "HTTP_X_FORWARDED_PORT": HEADER_TEXT,
        "HTTP_FORWARDED": HEADER_TEXT,
        "HTTP_X_REAL_IP": ADDRESS,
        "REMOTE_ADDR": ADDRESS,
    },
)


@override_settings(AXES_ENABLED=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "admin/login/"),
        ("get", "admin/login/"),
        ("get", ""),
        ("get", "programme/"),
        ("get", "programme/mine/?ids=1,2"),
        ("post", "volunteer/link/"),
    ],
)
def test_any_proxy_or_host_header_gets_a_page_not_a_server_error(site, method, path):
    client = Client(raise_request_exception=False)

    @fuzz(40)
    @given(
        headers=HEADERS,
        proxies=st.integers(min_value=0, max_value=3),
        lang=st.sampled_from(LANGUAGES),
        username=st.sampled_from(["moderator", "x"]),
    )
    def request(headers, proxies, lang, username):
        cache.clear()
        url = f"/{lang}/{path}"
        with override_settings(NUM_PROXIES=proxies):
            if method == "post":
                data = {"username": username, "password": "wrong", "email": "a@example.org"}
                response = client.post(url, data, **headers)
            else:
                response = client.get(url, **headers)
        assert_a_page_in_its_language(response, url, allowed=(200, 302, 400, 429))

    request()
