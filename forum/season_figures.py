"""A season in numbers (/seasons/<number>/numbers/): what the page counts.

Only what visitors may see is counted: the published programme (accepted
and scheduled activities) and the volunteers the coordinators confirmed or
placed in a team (no sign-up held as spam, none erased). The same figures
for everyone, staff previewing a draft season included, so the page is one
cached page per language.

A fixed number of queries whatever the season's size: the season's masarat
with their counts, one row per published activity (a few columns), the
season's teams, and the volunteers' counts (volunteers/counts.py: those
kept before the erasure after the season, else counted now).

Counts about people (volunteers; organizers that are individuals) under 5
are shown as "fewer than 5" (charts.Bar.hidden). A total printed beside such
a breakdown would give the hidden figure away by subtraction, so when any
breakdown of the volunteers hides a figure, their total is printed rounded
to a multiple of 5 ("about 40").
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from activities.models import Activity, Masar
from forum.arabic import normalize_for_search
from forum.choices import Governorate
from forum.templatetags.forum_tags import field_in_language
from volunteers.counts import volunteer_counts
from volunteers.models import AgeGroup, Gender, Team

from .charts import SMALL_COUNT, Bar, bar_chart


@dataclass
class Figure:
    """One chart and its table: an id for anchors, a caption, the header of
    the table's two columns, the rows, and a note under it."""

    slug: str
    caption: str
    label_header: str
    count_header: str
    bars: list
    note: str = ""
    chart: object = None

    def __post_init__(self):
        self.chart = bar_chart(self.bars)

    @property
    def hides_a_figure(self):
        return any(bar.hidden for bar in self.bars)


@dataclass
class Section:
    slug: str
    heading: str
    figures: list
    # One line above the charts ("42 activities by 30 organizations").
    summary: str = ""


def published_activities(season):
    return Activity.objects.published().filter(season=season)


def masar_figure(season):
    published = published_activities(season).values("pk")
    masarat = Masar.objects.filter(season=season).annotate(
        counted=Count("activities", filter=Q(activities__in=published))
    )
    bars = []
    for masar in masarat:
        name, lang = field_in_language(masar, "name")
        bars.append(Bar(name, masar.counted, lang=_other(lang), css_class=f"masar-{masar.colour}"))
    return Figure(
        "masarat",
        _("Activities by path (masar)"),
        _("Path (masar)"),
        _("Activities"),
        bars,
        note=_("An activity on two paths counts in each."),
    )


def _other(lang):
    """A label's language, kept only when it is not the page's."""
    return "" if lang == get_language() else lang


def choice_bars(counter, choices, *, about_people=False, keep_zero=False):
    """Bars in the choices' own order; zero rows left out unless keep_zero."""
    return [
        Bar(str(label), counter.get(value, 0), about_people=about_people)
        for value, label in choices
        if keep_zero or counter.get(value, 0)
    ]


def organization_key(row):
    """The organizer's names as typed (folded): one organization however many
    activities it holds, whichever language a proposal named it in."""
    names = {
        normalize_for_search(row[field] or "") for field in ("organization_ar", "organization_en")
    }
    return frozenset(name for name in names if name)


def distinct_organizations(rows):
    """One row per organization: rows that share a folded name are one."""
    seen = {}
    organizations = []
    for row in rows:
        key = organization_key(row) or frozenset({f"#{row['pk']}"})
        known = next((seen[name] for name in key if name in seen), None)
        if known is None:
            organizations.append(row)
            known = row
        for name in key:
            seen[name] = known
    return organizations


def activity_sections(season):
    rows = list(
        published_activities(season)
        .order_by("pk")
        .values(
            "pk",
            "format",
            "languages",
            "interpretation_needed",
            "organization_ar",
            "organization_en",
            "organization_type",
            "governorate",
        )
    )
    formats = Counter(row["format"] for row in rows)
    languages = Counter(code for row in rows for code in set(row["languages"] or []))
    interpretation = sum(1 for row in rows if row["interpretation_needed"])
    organizations = distinct_organizations(rows)
    types = Counter(row["organization_type"] for row in organizations)
    governorates = Counter(row["governorate"] for row in organizations)

    activities = Section(
        "activities",
        _("Activities"),
        [
            masar_figure(season),
            Figure(
                "formats",
                _("Activities by format"),
                _("Format"),
                _("Activities"),
                choice_bars(formats, Activity.Format.choices),
            ),
        ],
        summary=_n_activities(len(rows)),
    )
    type_bars = [
        Bar(
            str(label),
            types.get(value, 0),
            # An "organization" that is one person: a count about people.
            about_people=value == Activity.OrganizationType.INFORMAL,
        )
        for value, label in Activity.OrganizationType.choices
        if types.get(value, 0)
    ]
    organizations_section = Section(
        "organizations",
        _("Organizations"),
        [
            Figure(
                "organization-types",
                _("Organizations by type"),
                _("Type of organization"),
                _("Organizations"),
                type_bars,
                note=_(
                    "Each organization counts once, however many activities it held. "
                    "Informal groups and individuals are counted like people: fewer than 5 "
                    "is not given exactly."
                ),
            ),
            Figure(
                "governorates",
                _("Organizations by governorate"),
                _("Governorate"),
                _("Organizations"),
                choice_bars(governorates, Governorate.choices),
            ),
        ],
        summary=_n_organizations(len(organizations)),
    )
    languages_section = Section(
        "languages",
        _("Languages and interpretation"),
        [
            Figure(
                "languages",
                _("Activities by language"),
                _("Language"),
                _("Activities"),
                choice_bars(languages, Activity.Language.choices),
                note=_("An activity held in two languages counts in each."),
            ),
            Figure(
                "interpretation",
                _("Interpretation"),
                _("Interpretation"),
                _("Activities"),
                [
                    Bar(_("Interpretation requested"), interpretation),
                    Bar(_("No interpretation requested"), len(rows) - interpretation),
                ]
                if rows
                else [],
            ),
        ],
    )
    return [activities, organizations_section, languages_section]


def _n_activities(count):
    return ngettext(
        "%(count)s activity in the programme", "%(count)s activities in the programme", count
    ) % {"count": count}


def _n_organizations(count):
    return ngettext(
        "%(count)s organization held them", "%(count)s organizations held them", count
    ) % {"count": count}


def volunteer_section(season):
    counts = volunteer_counts(season)
    team_counts = counts["teams"]
    team_bars = []
    for team in Team.objects.filter(season=season):
        name, lang = field_in_language(team, "name")
        team_bars.append(
            Bar(name, team_counts.get(str(team.pk), 0), lang=_other(lang), about_people=True)
        )
    ages, genders = Counter(counts["age_groups"]), Counter(counts["genders"])
    total = sum(ages.values())
    figures = [
        Figure(
            "teams",
            _("Volunteers by team"),
            _("Team"),
            _("Volunteers"),
            team_bars,
            note=_("Volunteers placed in a team."),
        ),
        Figure(
            "age-groups",
            _("Volunteers by age group"),
            _("Age group"),
            _("Volunteers"),
            choice_bars(ages, AgeGroup.choices, about_people=True, keep_zero=True),
        ),
        Figure(
            "genders",
            _("Volunteers by gender"),
            _("Gender"),
            _("Volunteers"),
            choice_bars(genders, Gender.choices, about_people=True, keep_zero=True),
        ),
    ]
    if not total:
        figures = []
    return Section(
        "volunteers",
        _("Volunteers"),
        figures,
        summary=volunteer_total_text(total, rounded=any(f.hides_a_figure for f in figures)),
    )


def volunteer_total_text(total, *, rounded):
    if total == 0:
        return _("No volunteers confirmed yet.")
    if total < SMALL_COUNT:
        return _("Fewer than %(number)s volunteers confirmed by the coordinators.") % {
            "number": SMALL_COUNT
        }
    if rounded:
        about = SMALL_COUNT * round(total / SMALL_COUNT)
        return ngettext(
            "About %(count)s volunteer confirmed by the coordinators.",
            "About %(count)s volunteers confirmed by the coordinators.",
            about,
        ) % {"count": about}
    return ngettext(
        "%(count)s volunteer confirmed by the coordinators.",
        "%(count)s volunteers confirmed by the coordinators.",
        total,
    ) % {"count": total}


def outcome_section(season):
    """Published outcomes counted: recommendations by masar and by addressee,
    initiatives and the organizations that joined them (organizations, not
    people: no "fewer than 5"). None when nothing is published yet. Four
    queries whatever the number of outcomes."""
    from outcomes.models import Addressee, Initiative, InitiativeMember, Outcome, Recommendation

    outcomes = Outcome.objects.filter(activity__season=season, status=Outcome.Status.PUBLISHED)
    reported = outcomes.count()
    if not reported:
        return None
    recommendations = list(
        Recommendation.objects.filter(outcome__in=outcomes).values_list("masar_id", "addressee")
    )
    initiatives = Initiative.objects.filter(outcome__in=outcomes).count()
    joined = InitiativeMember.objects.filter(
        initiative__outcome__in=outcomes, status=InitiativeMember.Status.APPROVED
    ).count()
    by_masar = Counter(masar_id for masar_id, _addressee in recommendations)
    by_addressee = Counter(addressee for _masar_id, addressee in recommendations)
    masar_bars = []
    for masar in Masar.objects.filter(season=season):
        if by_masar.get(masar.pk):
            name, lang = field_in_language(masar, "name")
            masar_bars.append(
                Bar(name, by_masar[masar.pk], lang=_other(lang), css_class=f"masar-{masar.colour}")
            )
    figures = [
        Figure(
            "recommendations-masarat",
            _("Recommendations by path (masar)"),
            _("Path (masar)"),
            _("Recommendations"),
            masar_bars,
        ),
        Figure(
            "recommendations-addressees",
            _("Recommendations by addressee"),
            _("Addressed to"),
            _("Recommendations"),
            choice_bars(by_addressee, Addressee.choices),
        ),
        Figure(
            "initiatives",
            _("Initiatives"),
            _("Initiatives"),
            _("Number"),
            [
                Bar(_("Initiatives proposed"), initiatives),
                Bar(_("Organizations that joined them"), joined),
            ],
        ),
    ]
    summary = ngettext(
        "%(count)s activity reported its outcomes: %(recommendations)s recommendations "
        "and %(initiatives)s initiatives.",
        "%(count)s activities reported their outcomes: %(recommendations)s recommendations "
        "and %(initiatives)s initiatives.",
        reported,
    ) % {"count": reported, "recommendations": len(recommendations), "initiatives": initiatives}
    return Section("outcomes", _("Outcomes"), figures, summary=summary)


def season_figures(season):
    """Every section of the page, in order; a section without figures keeps
    its summary line only."""
    sections = [*activity_sections(season), volunteer_section(season)]
    outcomes = outcome_section(season)
    if outcomes is not None:
        sections.append(outcomes)
    return sections
