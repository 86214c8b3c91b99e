"""Demo outcomes for load_demo: published reports, recommendations and
initiatives for a past season's demo activities, so that the outcomes pages
of a season that has ended can be tried (and walked by the browser tests)."""

import datetime as dt

from .models import Addressee, Initiative, InitiativeMember, Outcome, Recommendation

RECOMMENDATIONS = [
    ("سنّ قانون يضمن حق الوصول إلى المعلومات", "Pass a law guaranteeing access to information"),
    ("إشراك المنظمات المحلية في خطط إدارة المياه", "Involve local organizations in water plans"),
    ("تخصيص موازنة لمراكز حماية النساء", "Fund centres protecting women"),
    ("إدخال التربية على اللاعنف في المناهج", "Teach nonviolence in the school curriculum"),
    ("حماية البيوت التراثية من الهدم", "Protect heritage houses from demolition"),
    ("توسيع الضمان الاجتماعي للعمال غير المنظمين", "Extend social security to informal workers"),
]
INITIATIVES = [
    ("حملة «حقنا أن نعرف»", "The “Right to know” campaign"),
    ("شبكة مراقبة المياه في الجنوب", "A water-watch network in the south"),
    ("أسبوع اللاعنف في المدارس", "Nonviolence week in schools"),
]
ADDRESSEES = list(Addressee.values)


def add_demo_outcomes(activities, *, first_day, count=3):
    """Published outcomes for the first `count` activities (already saved,
    with their masarat), each with two recommendations and an initiative;
    one demo organization joined each initiative. Returns the outcomes."""
    made = []
    for index, activity in enumerate(activities[:count]):
        masar = activity.masarat.first()
        outcome = Outcome.objects.create(
            activity=activity,
            status=Outcome.Status.PUBLISHED,
            account_ar="نقاش خيالي لأغراض العرض فقط، شارك فيه ناشطون وخبراء.",
            account_en="A fictional discussion for the demo, with activists and experts.",
            participants=30 + 10 * index,
            women=12 + index,
            young=9 + index,
            submitted_language="ar",
        )
        for offset in range(2):
            text_ar, text_en = RECOMMENDATIONS[(2 * index + offset) % len(RECOMMENDATIONS)]
            Recommendation.objects.create(
                outcome=outcome,
                text_ar=text_ar,
                text_en=text_en,
                masar=masar,
                addressee=ADDRESSEES[(index + offset) % len(ADDRESSEES)],
            )
        title_ar, title_en = INITIATIVES[index % len(INITIATIVES)]
        starts_on = first_day + dt.timedelta(days=60 + 30 * index)
        initiative = Initiative.objects.create(
            outcome=outcome,
            title_ar=title_ar,
            title_en=title_en,
            description_ar="مبادرة خيالية لأغراض العرض فقط.",
            description_en="A fictional initiative, for the demo only.",
            call_to_join_ar="ندعو المنظمات والنقابات إلى الانضمام.",
            call_to_join_en="Organizations and unions are welcome to join.",
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=6) if index % 2 else None,
        )
        InitiativeMember.objects.create(
            initiative=initiative,
            organization="منظمة تجريبية منضمة",
            organization_type="cso",
            governorate="basra",
            email=f"joined{index + 1}@demo.example.org",
            status=InitiativeMember.Status.APPROVED,
        )
        made.append(outcome)
    return made
