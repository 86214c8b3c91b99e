"""Proposals exported to CSV and XLSX open in a spreadsheet with Arabic intact."""

import csv
import io

import openpyxl
import pytest

from activities import services
from tests.factories import (
    ActivityFactory,
    MasarFactory,
    ProgrammeModeratorFactory,
    SpaceFactory,
    VenueFactory,
    log_in_verified,
)

pytestmark = pytest.mark.django_db

EXPORT = "/{lang}/admin/activities/activity/export/"
CSV, XLSX = "0", "1"


@pytest.fixture
def moderator_client(client):
    log_in_verified(client, ProgrammeModeratorFactory())
    return client


@pytest.fixture
def proposal(season):
    masar = MasarFactory(season=season, name_ar="البيئة والمياه", name_en="Environment and water")
    activity = ActivityFactory(
        season=season,
        title_ar="ورشة المياه في البصرة",
        title_en="",
        organization_ar="جمعية الأمل",
        contact_name="زينب علي",
        phone="+9647701234567",
        summary_ar='=HYPERLINK("http://evil.example","اضغط")',
        languages=["ar", "ku"],
        masarat=[masar],
    )
    services.accept_activity(activity, by=None)
    return activity


def export(client, file_format, lang="ar", **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    url = EXPORT.format(lang=lang) + (f"?{query}" if query else "")
    return client.post(url, {"format": file_format, "resource": "0"})


def test_the_export_page_offers_csv_and_xlsx(moderator_client, proposal):
    page = moderator_client.get(EXPORT.format(lang="en")).content.decode()
    assert ">csv<" in page and ">xlsx<" in page


def test_csv_export_has_a_byte_order_mark_and_arabic_intact(moderator_client, proposal):
    response = export(moderator_client, CSV)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="proposals-')
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with it
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    (row,) = rows
    # Headers in the admin's language.
    assert row["الرقم المرجعي"] == "ISF5-0001"
    assert row["العنوان (بالعربية)"] == "ورشة المياه في البصرة"
    assert row["الجهة (بالعربية)"] == "جمعية الأمل"
    assert row["الشخص المسؤول عن التواصل"] == "زينب علي"
    assert row["المسارات"] == "البيئة والمياه"
    assert row["لغات النشاط"] == "العربية، الكردية"
    assert row["الحالة"] == "مقبول"
    assert row["الترجمة الناقصة"] == "الإنجليزية"
    # A phone number stays a phone number; a formula is defused into text.
    assert row["الهاتف"] == "+9647701234567"
    assert row["الملخص (بالعربية)"] == '\'=HYPERLINK("http://evil.example","اضغط")'


def test_xlsx_export_opens_with_arabic_text_and_no_formula(moderator_client, proposal):
    response = export(moderator_client, XLSX, lang="en")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    values = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
    assert values["Reference"] == "ISF5-0001"
    assert values["Title (Arabic)"] == "ورشة المياه في البصرة"
    assert values["Paths (masarat)"] == "Environment and water"
    assert values["Languages of the activity"] == "Arabic, Kurdish"
    summary = next(
        cell for cell in sheet[2] if cell.column == headers.index("Summary (Arabic)") + 1
    )
    assert summary.data_type == "s"  # text, not a formula
    assert summary.quotePrefix  # and it stays text when someone edits it
    assert summary.value == '=HYPERLINK("http://evil.example","اضغط")'
    assert sheet.sheet_view.rightToLeft is False


def test_xlsx_from_the_arabic_admin_reads_right_to_left(moderator_client, proposal):
    book = openpyxl.load_workbook(io.BytesIO(export(moderator_client, XLSX).content))
    assert book.active.sheet_view.rightToLeft is True


def test_export_follows_the_filters_of_the_list_and_shows_the_slot(
    moderator_client, proposal, season
):
    ActivityFactory(season=season, title_ar="مقترح لم يُقبل بعد")
    space = SpaceFactory(venue=VenueFactory(season=season), name_ar="القاعة الأولى")
    import datetime as dt

    from django.utils import timezone

    start = timezone.make_aware(dt.datetime(2026, 11, 22, 10, 0))
    services.schedule_activity(
        proposal,
        space=space,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
    )
    response = export(moderator_client, CSV, status="accepted")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["العنوان (بالعربية)"] for row in rows] == ["ورشة المياه في البصرة"]
    assert rows[0]["يبدأ في"] == "2026-11-22 10:00"
    assert rows[0]["المكان"] == "القاعة الأولى — أكاديمية بغداد للعلوم الإنسانية"


def test_control_characters_stored_in_a_proposal_do_not_break_the_exports(
    moderator_client, proposal
):
    # Saved without a form (an older row, the shell): Word's line break, a
    # bell and a C1 control; openpyxl refuses such characters in a cell.
    proposal.title_ar = "ورشة\x0bالمياه\x07"
    proposal.contact_name = "زينب\x9b علي"
    proposal.save()
    book = openpyxl.load_workbook(io.BytesIO(export(moderator_client, XLSX, lang="en").content))
    sheet = book.active
    values = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True))
    assert values["Title (Arabic)"] == "ورشة\nالمياه"
    assert values["Contact person"] == "زينب علي"
    rows = list(
        csv.DictReader(io.StringIO(export(moderator_client, CSV).content.decode("utf-8-sig")))
    )
    assert rows[0]["العنوان (بالعربية)"] == "ورشة\nالمياه"
