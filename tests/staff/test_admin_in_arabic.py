"""The superusers' staff-security pages in the page's language: the second
factors' list and pages, and the access log (its entries, list and filter)."""

import datetime as dt
import re

import pytest
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff.models import PersonalDataAccess

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 22, 13, 3, tzinfo=dt.UTC)  # 16:03 in Baghdad


@pytest.fixture
def entry(admin_user):
    return PersonalDataAccess.objects.create(
        user=admin_user,
        username="مشرف",
        action="view",
        model="volunteers.volunteer",
        object_ids=[1, 2],
        path="/ar/admin/volunteers/volunteer/",
        at=AT,
    )


def column_headers(html):
    start = html.index('id="result_list"')
    html = html[start : html.index("</thead>", start)]
    return [
        re.sub(r"<[^>]+>", "", header).strip()
        for header in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.S)
    ]


def test_an_access_log_entry_names_its_records_and_action_in_the_pages_language(entry):
    with translation.override("ar"):
        assert str(entry) == "المتطوعون: اطّلع مشرف، 22 تشرين الثاني 2026، 16:03"
    with translation.override("en"):
        assert str(entry) == "volunteers: مشرف viewed, Nov. 22, 2026, 4:03 p.m."


def test_an_entry_about_a_model_since_gone_keeps_its_label(entry):
    entry.model = "gone.thing"
    assert entry.records_name() == "gone.thing"


def test_the_access_log_lists_records_by_name_and_pages_left_to_right(admin_client, entry):
    page = admin_client.get("/ar/admin/staff/personaldataaccess/").content.decode()
    assert '<td class="field-records">المتطوعون</td>' in page
    assert "volunteers.volunteer</" not in page
    assert '<bdi dir="ltr" translate="no">/ar/admin/volunteers/volunteer/</bdi>' in page
    # The filter by kind of records names them too.
    assert re.search(r'href="\?model=volunteers\.volunteer"[^>]*>\s*المتطوعون', page)
    filtered = admin_client.get("/ar/admin/staff/personaldataaccess/?model=volunteers.volunteer")
    assert filtered.context["cl"].result_count == 1


def test_the_second_factors_list_speaks_arabic(admin_client, admin_user):
    WebAuthnCredential.objects.create(
        user=admin_user, name="هاتف العمل", credential_id=b"c", public_key=b"k", sign_count=0
    )
    device = TOTPDevice.objects.get(user=admin_user)
    for path in ["otp_totp/totpdevice/", "django_otp_webauthn/webauthncredential/"]:
        page = admin_client.get(f"/ar/admin/{path}").content.decode()
        assert column_headers(page)[1:] == [
            "عضو الفريق",
            "الاسم",
            "جاهز للاستخدام",
            "أُضيف في",
            "آخر استخدام",
        ], path
    totp = admin_client.get("/ar/admin/otp_totp/totpdevice/").content.decode()
    assert "authenticator" not in totp
    change = admin_client.get(f"/ar/admin/otp_totp/totpdevice/{device.pk}/change/")
    text = change.content.decode()
    assert f"<title>تطبيق مصادقة ({admin_user.username}) |" in text
    for english in ["User:", "Last used at", "Is this device ready for use?"]:
        assert english not in text
    english_page = admin_client.get(f"/en/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert f"authenticator app ({admin_user.username})" in english_page.content.decode()
