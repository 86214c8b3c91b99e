"""Convergence in a real browser, in Arabic at phone width (390 px): an
organization sees a similar proposal on its private page and invites it to
merge; the other accepts on its own page; only then are the contacts emailed
to both. No horizontal scrolling, no axe violation, no CSP error."""

import pytest

from activities.convergence.models import Convergence
from forum.models import OutgoingEmail
from tests.activities.convergence.texts import WOMEN_BASRA_AR, WOMEN_BASRA_AR_OTHER_WORDS
from tests.browser.checks import axe_violations, english_left_on_arabic_page, watch_page
from tests.factories import ActivityFactory, MasarFactory, SeasonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_arabic_organizer_on_a_phone_invites_and_the_other_accepts(page, live_server):
    season = SeasonFactory()
    masar = MasarFactory(season=season, name_ar="حقوق المرأة", name_en="Women's rights")
    league = ActivityFactory(
        season=season,
        masarat=[masar],
        open_to_convergence=True,
        organization_ar="رابطة نساء البصرة",
        email="league@example.org",
        **WOMEN_BASRA_AR,
    )
    shatt = ActivityFactory(
        season=season,
        masarat=[masar],
        open_to_convergence=True,
        organization_ar="منظمة شط العرب للتنمية",
        email="shatt@example.org",
        **WOMEN_BASRA_AR_OTHER_WORDS,
    )
    problems = watch_page(page)

    page.goto(f"{live_server.url}/ar/propose/status/{league.private_token}/")
    assert page.get_by_role("heading", name="مقترحات مشابهة").is_visible()
    assert "منظمة شط العرب للتنمية" in page.content()
    assert "shatt@example.org" not in page.content()
    assert fits_the_phone(page)
    assert axe_violations(page) == []
    page.get_by_role("link", name="ادعوهم إلى ضمّ الجهود").click()

    page.wait_for_url("**/converge/**")
    assert page.locator("h1").inner_text() == "ادعوا منظمة إلى ضمّ الجهود"
    assert fits_the_phone(page)
    assert axe_violations(page) == []
    assert english_left_on_arabic_page(page) == []
    page.get_by_label("الدمج في نشاط واحد").check()
    page.get_by_label("رسالة قصيرة إليهم (اختيارية)").fill("هل نقيم ورشة واحدة معاً؟")
    page.get_by_role("button", name="أرسلوا الدعوة").click()
    page.wait_for_url(f"**/propose/status/{league.private_token}/")
    assert "أُرسلت دعوتكم" in page.content()
    assert Convergence.objects.get().kind == "merge"
    assert not OutgoingEmail.objects.filter(to__icontains="league@example.org").exists()

    page.goto(f"{live_server.url}/ar/propose/status/{shatt.private_token}/")
    assert page.get_by_role("heading", name="دعوات إلى ضمّ الجهود").is_visible()
    assert "هل نقيم ورشة واحدة معاً؟" in page.content()
    assert "league@example.org" not in page.content()
    assert fits_the_phone(page)
    assert axe_violations(page) == []
    assert english_left_on_arabic_page(page) == []
    page.get_by_role("button", name="اقبلوا الدعوة").click()
    page.wait_for_url(f"**/propose/status/{shatt.private_token}/")
    assert "قبلتم الدعوة" in page.content()
    assert Convergence.objects.get().status == Convergence.Status.ACCEPTED

    to_league = OutgoingEmail.objects.get(to__icontains="league@example.org")
    assert to_league.language == "ar" and "shatt@example.org" in to_league.body
    to_shatt = OutgoingEmail.objects.filter(to__icontains="shatt@example.org").order_by("pk").last()
    assert "league@example.org" in to_shatt.body
    assert problems() == []
