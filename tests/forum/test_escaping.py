"""What visitors type is shown as text everywhere it appears, never run."""

import pytest
from django.core import mail

from tests.factories import ScheduledActivityFactory

pytestmark = pytest.mark.django_db

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def hostile_activity(season):
    return ScheduledActivityFactory(
        season=season,
        title_ar=ATTACK,
        title_en=ATTACK,
        organization_ar=ATTACK,
        organization_en=ATTACK,
        summary_en=ATTACK,
        description_en=ATTACK,
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_public_pages_show_typed_html_as_text(client, hostile_activity, lang):
    for url in [
        f"/{lang}/programme/?day={hostile_activity.starts_at.date().isoformat()}",
        f"/{lang}/programme/{hostile_activity.pk}/",
    ]:
        page = client.get(url).content.decode()
        assert ATTACK not in page, url
        assert ESCAPED in page, url


def test_the_admin_shows_typed_html_as_text(admin_client, hostile_activity):
    for url in [
        "/en/admin/activities/activity/",
        f"/en/admin/activities/activity/{hostile_activity.pk}/change/",
    ]:
        page = admin_client.get(url).content.decode()
        assert ATTACK not in page, url


def test_calendar_and_schedule_exports_carry_typed_html_as_data(client, hostile_activity):
    ics = client.get("/en/programme/calendar.ics").content.decode().replace("\r\n ", "")
    # Plain text in a calendar (not markup): kept as typed, not HTML-escaped.
    assert f"SUMMARY;LANGUAGE=en:{ATTACK}" in ics
    xml = client.get("/en/programme/schedule.xml").content.decode()
    assert "<script>" not in xml and "&lt;script&gt;" in xml


def test_emails_escape_typed_html_in_their_html_part(client, season, masar):
    from tests.activities.proposal_helpers import proposal_data

    data = proposal_data(season, [masar], title=ATTACK, contact_name=ATTACK)
    response = client.post("/en/propose/", data)
    assert response.status_code == 302
    for message in mail.outbox:
        html = message.alternatives[0][0]
        assert ATTACK not in html
