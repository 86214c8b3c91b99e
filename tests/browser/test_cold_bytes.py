"""What a phone downloads the first time it opens the programme: under
100 KB, with the static files as production serves them (collectstatic with
whitenoise's compressed manifest storage: hashed names, Brotli and gzip made
once), and Arabic, Persian and Kurdish letters in the site's own font.

The page itself is gzipped as nginx does for text/html (Debian's default
`gzip on`); whitenoise picks the .br of every static file.
"""

import gzip
import io
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from fontTools.ttLib import TTFont
from whitenoise import WhiteNoise

from tests.browser.conftest import PHONE

FONTS = Path(__file__).resolve().parents[2] / "static" / "vendor" / "fonts"
BUDGET = 100 * 1024
# Letters people type: Arabic, Persian (پ چ ژ گ ک ی), Kurdish Sorani
# (ڕ ڵ ۆ ێ ە ڤ), Arabic punctuation and both kinds of Arabic digits.
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى" + "پچژگکی" + "ڕڵۆێەڤ"
PUNCTUATION_AND_DIGITS = "،؛؟٪٫٬" + "٠١٢٣٤٥٦٧٨٩" + "۰۱۲۳۴۵۶۷۸۹"


def nginx_gzip(app):
    """gzip text/html as nginx's default configuration does."""

    def wrapped(environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        body = b"".join(app(environ, capture))
        headers = captured["headers"]
        content_type = {k.lower(): v for k, v in headers}.get("content-type", "")
        accepts = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        if content_type.startswith("text/html") and accepts and body:
            body = gzip.compress(body, 6)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))]
        start_response(captured["status"], headers)
        return [body]

    return wrapped


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def production_static(tmp_path, demo_programme):
    """The site with production's static storage, served on its own port."""
    root = tmp_path / "static"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(
        STORAGES=storages,
        STATIC_ROOT=str(root),
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        DEBUG=False,
    ):
        call_command("collectstatic", "--noinput", verbosity=0, stdout=io.StringIO())
        app = WhiteNoise(nginx_gzip(get_wsgi_application()), root=str(root), prefix="static/")
        server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
        server.set_app(app)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}", root
        server.shutdown()
        server.server_close()


@pytest.fixture
def demo_programme(transactional_db):
    call_command("seed_season", stdout=io.StringIO())
    call_command("load_demo", activities=300, stdout=io.StringIO())


def test_brotli_and_gzip_made_at_collectstatic(production_static):
    _url, root = production_static
    assert list(root.glob("vendor/bootstrap/css/bootstrap.rtl.min.*.css.br"))
    assert list(root.glob("css/site.*.css.gz"))


@pytest.mark.parametrize("weight", [400, 700])
def test_the_font_subset_has_every_letter(weight):
    cmap = TTFont(FONTS / f"noto-sans-arabic-{weight}-subset.woff2").getBestCmap()
    missing = [c for c in LETTERS + PUNCTUATION_AND_DIGITS if ord(c) not in cmap]
    assert not missing


def test_cold_load_of_the_programme_is_under_100_kb(production_static, browser):
    url, _root = production_static
    context = browser.new_context(viewport=PHONE, locale="ar-IQ")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes, urls = {}, {}
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(f"{url}/ar/programme/", wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    # The page's Arabic text, and Persian and Kurdish letters, use the
    # site's own font: the subset covers them (its unicode-range matches
    # and the face loads), none falls back to another font.
    faces = page.evaluate(
        """async (text) => {
            const faces = await document.fonts.load('16px "Noto Sans Arabic"', text);
            return faces.map(face => face.status + ' ' + face.weight);
        }""",
        LETTERS + PUNCTUATION_AND_DIGITS,
    )
    assert faces == ["loaded 400"]
    assert page.evaluate(
        """(text) => document.fonts.check('16px "Noto Sans Arabic"', text)
            && document.fonts.check('bold 16px "Noto Sans Arabic"', text)""",
        LETTERS + PUNCTUATION_AND_DIGITS,
    )
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Noto Sans Arabic" in family
    total = sum(sizes.values())
    report = "\n".join(f"{sizes[r]:>8} {urls.get(r, '?')}" for r in sorted(sizes, key=sizes.get))
    context.close()
    print(f"cold load of /ar/programme/: {total:,} bytes\n{report}")
    assert total < BUDGET, report
