"""Guards that keep the project honest."""

import io
import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_every_interface_string_has_its_arabic_translation():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    expected = {
        (e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural
    }
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid and not e.msgid_plural}
    assert compiled == expected


def test_admin_javascript_catalogue_is_complete_and_compiled():
    """locale/ar/LC_MESSAGES/djangojs.po, kept by hand (Django admin's
    JavaScript strings that its Arabic lacks or gets wrong)."""
    po = polib.pofile(str(PO.with_name("djangojs.po")))
    assert [e.msgid for e in po if not e.translated()] == []
    mo = polib.mofile(str(PO.with_name("djangojs.mo")))
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in po if not e.msgid_plural}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid and not e.msgid_plural}
    assert compiled == expected


def test_makemessages_finds_no_string_missing_from_the_catalogue(tmp_path, settings):
    """A string added to code or a template without running makemessages."""
    po = polib.pofile(str(PO))
    known = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    work = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", work)
    # makemessages writes into LOCALE_PATHS; point it at a copy.
    settings.LOCALE_PATHS = [work]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        call_command(
            "makemessages",
            locale=["ar"],
            no_location=True,
            ignore_patterns=[".venv", "staticfiles", "tests", "bench", "node_modules"],
            verbosity=0,
        )
    finally:
        os.chdir(cwd)
    fresh = polib.pofile(str(work / "ar" / "LC_MESSAGES" / "django.po"))
    found = {(e.msgctxt, e.msgid) for e in fresh if not e.obsolete}
    assert found - known == set()
