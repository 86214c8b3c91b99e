"""The issue's "Done when", tried as new users would in a real browser at
phone width (390 px), in Arabic and in English: two organizations propose
close workshops through the real form (agreeing to be put in touch), one
invites the other to merge, the other accepts, a moderator (past the second
factor) merges them; after the activity (built in the past from the clock,
never from today's date) the day-after command invites the organizer, who
reports two recommendations and an initiative; a moderator publishes them, a
third organization joins the initiative and a moderator shows it; the
season's outcomes and numbers pages show all of it. Every public and private
page fits the phone, has no axe violation, no CSP error, and (in Arabic) no
English left."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from activities.convergence.models import Convergence
from activities.models import Activity
from forum.models import OutgoingEmail, Season
from outcomes.models import Initiative, InitiativeMember, Outcome, Recommendation
from tests.browser.checks import axe_violations, english_left_on_arabic_page, watch_page
from tests.browser.conftest import PHONE
from tests.factories import ProgrammeModeratorFactory, SpaceFactory
from tests.second_factor import add_authenticator, log_in_to_admin

pytestmark = pytest.mark.django_db(transaction=True)

TEXTS = {
    "ar": {
        "proposals": [
            (
                "رابطة نساء البصرة",
                "league@example.org",
                "ورشة عمل حول التمكين الاقتصادي للمرأة في البصرة",
                "تدريب النساء على إدارة المشاريع الصغيرة وتحقيق الاستقلال الاقتصادي.",
            ),
            (
                "منظمة شط العرب للتنمية",
                "shatt@example.org",
                "تمكين المرأة اقتصادياً في محافظة البصرة",
                "ورشة لتعزيز مشاركة النساء في سوق العمل والمشاريع الصغيرة في البصرة.",
            ),
        ],
        "message": "هل نقيم ورشة واحدة معاً؟",
        "account": "ناقشنا سبل دعم المشاريع الصغيرة للنساء في البصرة.",
        "recommendations": [
            ("تسهيل القروض الصغيرة للنساء", "government"),
            ("إقرار قانون يحمي العاملات في القطاع الخاص", "parliament"),
        ],
        "initiative": ("سوق منتجات نساء البصرة", "سوق شهري لمنتجات النساء.", "انضموا إلينا"),
        "member": "شبكة النهرين",
    },
    "en": {
        "proposals": [
            (
                "Basra Women's League",
                "league@example.org",
                "Workshop on women's economic empowerment in Basra",
                "Training women in Basra to run small businesses and become financially "
                "independent.",
            ),
            (
                "Shatt al-Arab Development",
                "shatt@example.org",
                "Economic empowerment of women in Basra governorate",
                "A workshop to strengthen women's participation in the labour market and "
                "small businesses in Basra.",
            ),
        ],
        "message": "Shall we hold one workshop together?",
        "account": "We discussed how to support women's small businesses in Basra.",
        "recommendations": [
            ("Make small loans easier for women", "government"),
            ("Pass a law protecting women working in the private sector", "parliament"),
        ],
        "initiative": ("Basra women's market", "A monthly market of women's products.", "Join us"),
        "member": "Nahrain Network",
    },
}


def say(lang, message):
    with translation.override(lang):
        return gettext(message)


def check_page(page, problems, lang):
    """What every public and private page must be, at phone width."""
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        found.append(f"{page.url}: {width} px wide")
    found += [f"{page.url}: {v}" for v in axe_violations(page)]
    if lang == "ar":
        found += [f"{page.url}: English: {t}" for t in english_left_on_arabic_page(page)]
    found += [f"{page.url}: {p}" for p in problems()]
    assert found == []


def propose(page, problems, base, lang, season, masar, organization, email, title, summary):
    page.goto(f"{base}/{lang}/propose/")
    check_page(page, problems, lang)
    page.locator("form [name=organization]").fill(organization)
    page.locator("input[name=organization_type][value=cso]").check()
    page.locator("form [name=governorate]").select_option("basra")
    page.locator("form [name=contact_name]").fill("Zainab Ali" if lang == "en" else "زينب علي")
    page.locator("form [name=email]").fill(email)
    page.locator("form [name=phone]").fill("+964 770 123 4567")
    page.locator("form [name=title]").fill(title)
    page.locator("form [name=summary]").fill(summary)
    page.locator("form [name=description]").fill(summary)
    page.locator("input[name=format][value=workshop]").check()
    page.locator(f"input[name=masarat][value='{masar}']").check()
    page.locator(f"input[name=languages][value={lang}]").check()
    page.locator("form [name=expected_participants]").fill("40")
    page.locator(f"input[name=preferred_days][value='{season.start_date.isoformat()}']").check()
    page.locator("input[name=preferred_time]").first.check()
    # The new choice: unticked until the organizer ticks it.
    box = page.locator("input[name=open_to_convergence]")
    assert not box.is_checked()
    box.check()
    page.locator("input[name=accepts_principles]").check()
    page.locator("input[name=accepts_publication]").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/{lang}/propose/thanks/**")
    activity = Activity.objects.get(email=email)
    assert activity.open_to_convergence
    return activity


def run_admin_action(staff, base, lang, changelist, pk, action):
    staff.goto(f"{base}/{lang}/admin/{changelist}/")
    staff.locator(f"input[name=_selected_action][value='{pk}']").check()
    staff.locator("select[name=action]").select_option(action)
    staff.locator("button[name=index]").click()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_from_two_close_proposals_to_the_seasons_numbers(browser, live_server, demo_site, lang):
    base = live_server.url
    texts = TEXTS[lang]
    season = Season.objects.current()
    masar = season.masarat.order_by("pk").first()
    context = browser.new_context(viewport=PHONE, locale="ar-IQ" if lang == "ar" else "en-GB")
    page = context.new_page()
    problems = watch_page(page)

    # Two organizations propose close workshops, agreeing to be put in touch.
    league, shatt = [
        propose(page, problems, base, lang, season, masar.pk, *proposal)
        for proposal in texts["proposals"]
    ]

    # The first sees the second among similar proposals and invites it to merge.
    page.goto(f"{base}/{lang}/propose/status/{league.private_token}/")
    assert page.get_by_role("heading", name=say(lang, "Similar proposals")).is_visible()
    content = page.content()
    assert texts["proposals"][1][0] in content
    assert "shatt@example.org" not in content
    check_page(page, problems, lang)
    page.get_by_role("link", name=say(lang, "Invite them to join forces"), exact=False).click()
    page.wait_for_url("**/converge/**")
    check_page(page, problems, lang)
    page.locator("input[name=kind][value=merge]").check()
    page.locator("form [name=message]").fill(texts["message"])
    page.get_by_role("button", name=say(lang, "Send the invitation")).click()
    page.wait_for_url(f"**/propose/status/{league.private_token}/")
    check_page(page, problems, lang)
    assert say(lang, "Invitation sent; waiting for their answer.") in page.content()

    # The second accepts on its own private page; only then are contacts shared.
    page.goto(f"{base}/{lang}/propose/status/{shatt.private_token}/")
    assert page.get_by_role("heading", name=say(lang, "Invitations to join forces")).is_visible()
    assert texts["message"] in page.content()
    assert "league@example.org" not in page.content()
    check_page(page, problems, lang)
    page.get_by_role("button", name=say(lang, "Accept the invitation")).click()
    page.wait_for_url(f"**/propose/status/{shatt.private_token}/")
    check_page(page, problems, lang)
    convergence = Convergence.objects.get()
    assert convergence.status == Convergence.Status.ACCEPTED
    to_league = OutgoingEmail.objects.filter(to__icontains='"league@example.org"').latest("pk")
    assert "shatt@example.org" in to_league.body and to_league.language == lang

    # A moderator, past the second factor, merges them in the admin.
    moderator = ProgrammeModeratorFactory(username=f"layla-{lang}")
    add_authenticator(moderator)
    staff_context = browser.new_context(viewport=PHONE)
    staff = staff_context.new_page()
    log_in_to_admin(staff, base, moderator.username, "moderator-password-123", language=lang)
    run_admin_action(staff, base, lang, "activities/convergence", convergence.pk, "carry_out")
    staff.locator(f"input[name=keep][value='{league.pk}']").check()
    staff.locator("#content-main input[type=submit]").click()
    staff.wait_for_url(f"**/{lang}/admin/activities/convergence/")
    shatt.refresh_from_db()
    assert shatt.status == Activity.Status.MERGED and shatt.merged_into_id == league.pk
    page.goto(f"{base}/{lang}/propose/status/{shatt.private_token}/")
    check_page(page, problems, lang)
    assert league.reference in page.locator("#merged-heading").inner_text()

    # The merged activity is accepted and took place: built two days before the clock.
    league.refresh_from_db()
    starts_at = (timezone.now() - dt.timedelta(days=2)).replace(second=0, microsecond=0)
    league.status = Activity.Status.ACCEPTED
    league.space = SpaceFactory(venue__season=season)
    league.starts_at = starts_at
    league.ends_at = starts_at + dt.timedelta(minutes=90)
    league.save()
    call_command("invite_outcome_reports", stdout=io.StringIO())
    invitation = OutgoingEmail.objects.filter(to__icontains='"league@example.org"').latest("pk")
    assert f"/propose/status/{league.private_token}/outcomes/" in invitation.body
    assert invitation.language == lang

    # The organizer reports two recommendations and an initiative.
    page.goto(f"{base}/{lang}/propose/status/{league.private_token}/")
    check_page(page, problems, lang)
    page.get_by_role("link", name=say(lang, "Report the outcomes")).click()
    page.wait_for_url("**/outcomes/")
    check_page(page, problems, lang)
    page.locator("form [name=account]").fill(texts["account"])
    page.locator("form [name=participants]").fill("40")
    page.locator("form [name=women]").fill("25")
    for index, (text, to) in enumerate(texts["recommendations"]):
        page.locator(f"[name=recommendations-{index}-text]").fill(text)
        page.locator(f"[name=recommendations-{index}-masar]").select_option(str(masar.pk))
        page.locator(f"[name=recommendations-{index}-addressee]").select_option(to)
    title, description, call = texts["initiative"]
    page.locator("form [name=initiatives-0-title]").fill(title)
    page.locator("form [name=initiatives-0-description]").fill(description)
    page.locator("form [name=initiatives-0-call_to_join]").fill(call)
    starts_on = season.end_date + dt.timedelta(days=30)
    page.locator("form [name=initiatives-0-starts_on]").fill(starts_on.isoformat())
    page.get_by_role("button", name=say(lang, "Send the report")).click()
    page.wait_for_url(f"**/propose/status/{league.private_token}/")
    check_page(page, problems, lang)
    outcome = Outcome.objects.get(activity=league)
    assert outcome.status == Outcome.Status.SUBMITTED
    assert outcome.recommendations.count() == 2
    initiative = Initiative.objects.get(outcome=outcome)

    # A moderator publishes it.
    staff.goto(f"{base}/{lang}/admin/outcomes/outcome/{outcome.pk}/change/")
    staff.locator("input[name=_publish]").click()
    staff.wait_for_url(f"**/{lang}/admin/outcomes/outcome/**")
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.PUBLISHED

    # A third organization joins the initiative from its public page.
    initiative_url = f"{base}/{lang}/seasons/{season.number}/initiatives/{initiative.pk}/"
    page.goto(initiative_url)
    assert page.locator("h1").inner_text() == title
    check_page(page, problems, lang)
    page.locator("form [name=organization]").fill(texts["member"])
    page.locator("form [name=organization_type]").select_option("cso")
    page.locator("form [name=governorate]").select_option("nineveh")
    page.locator("form [name=email]").fill("nahrain@example.org")
    page.get_by_role("button", name=say(lang, "Join"), exact=True).click()
    page.wait_for_url("**/initiatives/joined/**")
    check_page(page, problems, lang)
    member = InitiativeMember.objects.get(email="nahrain@example.org")
    assert member.status == InitiativeMember.Status.PENDING
    page.goto(initiative_url)
    assert texts["member"] not in page.content()

    # A moderator shows it on the initiative's page.
    run_admin_action(staff, base, lang, "outcomes/initiativemember", member.pk, "show_selected")
    staff.wait_for_load_state()
    member.refresh_from_db()
    assert member.status == InitiativeMember.Status.APPROVED
    staff_context.close()

    page.goto(initiative_url)
    assert texts["member"] in page.locator("main").inner_text()
    assert "nahrain@example.org" not in page.content()
    check_page(page, problems, lang)

    # The season's outcomes page shows the recommendations and the initiative.
    page.goto(f"{base}/{lang}/seasons/{season.number}/outcomes/")
    shown = page.locator("main").inner_text()
    for text, _to in texts["recommendations"]:
        assert text in shown
    assert title in shown
    assert "nahrain@example.org" not in page.content()
    check_page(page, problems, lang)

    # The numbers page counts them in its "outcomes" section.
    page.goto(f"{base}/{lang}/seasons/{season.number}/numbers/")
    section = page.locator("section[aria-labelledby=outcomes]")
    published = Outcome.objects.filter(activity__season=season, status=Outcome.Status.PUBLISHED)
    reported = published.count()
    with translation.override(lang):
        summary = ngettext(
            "%(count)s activity reported its outcomes: %(recommendations)s recommendations "
            "and %(initiatives)s initiatives.",
            "%(count)s activities reported their outcomes: %(recommendations)s recommendations "
            "and %(initiatives)s initiatives.",
            reported,
        ) % {
            "count": reported,
            "recommendations": Recommendation.objects.filter(outcome__in=published).count(),
            "initiatives": Initiative.objects.filter(outcome__in=published).count(),
        }
    assert summary in section.inner_text()
    assert "nahrain@example.org" not in page.content()
    check_page(page, problems, lang)
    context.close()
