"""The admin's words and dates as Arabic-speaking staff read them (the pages
as a browser shows them: tests/browser/test_admin_arabic.py)."""

import datetime as dt
import json
import re

import pytest
from django.utils import formats, translation

from activities.models import ActivityStatusChange
from tests.factories import ActivityFactory, TeamFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

BAGHDAD_AFTERNOON = dt.datetime(2026, 11, 22, 13, 3, tzinfo=dt.UTC)  # 16:03 in Baghdad


def action_choices(html):
    return dict(re.findall(r'<option value="(\w+)">([^<]*)</option>', html))


@pytest.mark.parametrize(
    ("format_name", "arabic"),
    [
        ("DATETIME_FORMAT", "22 تشرين الثاني 2026، 16:03"),
        ("DATE_FORMAT", "22 تشرين الثاني 2026"),
        ("SHORT_DATETIME_FORMAT", "22/11/2026، 16:03"),
        ("j M", "22 تشرين الثاني"),
        ("N j", "تشرين الثاني 22"),
    ],
)
def test_arabic_dates_name_iraqi_months_with_the_arabic_comma_and_a_24_hour_clock(
    format_name, arabic
):
    with translation.override("ar"):
        local = BAGHDAD_AFTERNOON.astimezone(dt.timezone(dt.timedelta(hours=3)))
        assert formats.date_format(local, format_name) == arabic


def test_english_dates_keep_djangos_english_formats():
    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 11, 22)) == "Nov. 22, 2026"


def test_a_status_change_reads_as_labels_with_the_arrow_pointing_the_reading_way(season):
    change = ActivityStatusChange(
        activity=ActivityFactory(season=season), from_status="submitted", to_status="accepted"
    )
    with translation.override("ar"):
        assert str(change) == "مُقدَّم ← مقبول"
    with translation.override("en"):
        assert str(change) == "Submitted → Accepted"
    change.from_status = ""
    with translation.override("ar"):
        assert str(change) == "مقبول"


def test_delete_action_agrees_with_each_models_plural(admin_client, season):
    VolunteerFactory(season=season)
    ActivityFactory(season=season)
    volunteers = action_choices(
        admin_client.get("/ar/admin/volunteers/volunteer/").content.decode()
    )
    activities = action_choices(admin_client.get("/ar/admin/activities/activity/").content.decode())
    assert volunteers["delete_selected"] == "احذف المتطوعين المحدَّدين"
    assert activities["delete_selected"] == "احذف الأنشطة المحدَّدة"
    english = action_choices(admin_client.get("/en/admin/volunteers/volunteer/").content.decode())
    assert english["delete_selected"] == "Delete selected volunteers"


def test_add_and_change_titles_take_the_name_in_the_genitive(admin_client, season):
    team = TeamFactory(season=season)
    changelist = admin_client.get("/ar/admin/volunteers/team/").content.decode()
    assert "إضافة فريق" in changelist
    assert "أضف فريق" not in changelist
    assert "<h1>اختيار فريق للتعديل</h1>" in changelist
    change = admin_client.get(f"/ar/admin/volunteers/team/{team.pk}/change/").content.decode()
    assert f"<title>{team.name} | تعديل فريق |" in change


def test_yes_no_icons_speak_the_pages_language(admin_client, season):
    ActivityFactory(season=season)
    arabic = admin_client.get("/ar/admin/activities/activity/").content.decode()
    assert re.search(r'icon-(?:yes|no)\.svg" alt="(?:نعم|لا)"', arabic)
    assert 'alt="True"' not in arabic and 'alt="False"' not in arabic
    english = admin_client.get("/en/admin/activities/activity/").content.decode()
    assert re.search(r'icon-(?:yes|no)\.svg" alt="(?:Yes|No)"', english)


def test_deleting_an_activity_lists_no_english_link_rows(admin_client, season, masar):
    activity = ActivityFactory(season=season, masarat=[masar])
    page = admin_client.get(f"/ar/admin/activities/activity/{activity.pk}/delete/").content.decode()
    assert "Activity_masarat" not in page
    assert "Activity-masar" not in page
    assert activity.reference in page


def test_export_page_speaks_arabic(admin_client, season):
    ActivityFactory(season=season)
    page = admin_client.get("/ar/admin/activities/activity/export/").content.decode()
    # django-import-export's own Arabic called the exporter an importer.
    assert "ستُصدَّر الحقول التالية: " in page
    assert "المستورد" not in page and "This exporter" not in page


def test_admin_date_picker_and_selection_widget_speak_iraqi_arabic(admin_client):
    catalogue = admin_client.get("/ar/admin/jsi18n/").content.decode()
    # The calendar's months, and the selection widget's strings Django's Arabic lacks.
    for text in ["تشرين الثاني", "كانون الأول", "اختيار الكل: %s", "المحدَّد %(sel)s من %(cnt)s"]:
        assert json.dumps(text)[1:-1] in catalogue, text
    assert json.dumps("نوفمبر")[1:-1] not in catalogue


def test_permissions_read_in_the_pages_language(admin_client):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="مجموعة")
    arabic = admin_client.get(f"/ar/admin/auth/group/{group.pk}/change/").content.decode()
    assert "المتطوعون | متطوع | إضافة" in arabic
    assert "Can add volunteer" not in arabic
    english = admin_client.get(f"/en/admin/auth/group/{group.pk}/change/").content.decode()
    assert "Volunteers | volunteer | May add" in english
