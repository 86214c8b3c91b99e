"""An activity's card (the programme, masar pages, "my programme", the home
page's "now and next"), written in Python and kept in the shared cache.

The card used to be a template included once per activity: with its custom
tags, filters and variable lookups it cost about a millisecond each, most of
a cold programme page. Here the card is written with str.format and
escaping, the labels, formats and the link's pattern looked up once per page
(Labels), and each card kept in the cache per language for the programme
version (the same token as the pages, activities/cache.py), so the day
pages, the filters, the masar pages and "my programme" share them: after a
page has been rendered once, another page of the same version fetches its
cards in one round trip (get_many) and renders only the missing ones.

The markup is the one the template wrote (tests/activities/test_cards.py
compares both on every kind of card).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from forum.i18n import other_languages, text_direction

from .cache import PROGRAMME_CACHE_TIMEOUT, VERSION_KEY, _safely
from .models import Activity

# A stand-in pk for the link's pattern: reversed once per page, not per card.
_PK_STAND_IN = 987654321


class Labels:
    """What every card of a page shares, looked up once: the language, its
    fallback order, translated labels and the activity link's pattern."""

    def __init__(self):
        self.language = get_language()
        self.order = [self.language, *other_languages(self.language)]
        self.only = {
            "ar": escape(_("Available in Arabic only")),
            "en": escape(_("Available in English only")),
        }
        self.star = escape(_("Add to my programme"))
        self.formats = {value: escape(label) for value, label in Activity.Format.choices}
        url = reverse("activities:detail", kwargs={"pk": _PK_STAND_IN})
        self.url_start, self.url_end = url.split(str(_PK_STAND_IN))
        self.zone = timezone.get_current_timezone()

    def text(self, obj, field):
        """(escaped text, language) in the page's language, else the other's
        (forum_tags.field_in_language)."""
        for code in self.order:
            value = getattr(obj, f"{field}_{code}", None)
            if value:
                return escape(value), code
        return escape(getattr(obj, field, "") or ""), self.language

    def translated(self, obj, field):
        """forum_tags.translated: the text, marked with lang/dir if a fallback."""
        value, code = self.text(obj, field)
        if code == self.language:
            return value, code
        return f'<span lang="{code}" dir="{text_direction(code)}">{value}</span>', code


def render_card(activity, labels=None):
    """The card's HTML (a SafeString) in the active language and time zone."""
    labels = labels or Labels()
    pk = activity.pk
    masarat = list(activity.masarat.all())
    starts = activity.starts_at.astimezone(labels.zone)
    ends = activity.ends_at.astimezone(labels.zone)
    place, _code = labels.translated(activity.space, "name")
    title, title_lang = labels.translated(activity, "title")
    note = ""
    if title_lang != labels.language:
        only = labels.only["ar" if title_lang == "ar" else "en"]
        note = f' <small class="translation-note">{only}</small>'
    org = ""
    if activity.organization_ar or activity.organization_en:
        org = f'<p class="activity-org">{labels.translated(activity, "organization")[0]}</p>'
    tags = "".join(
        f' <span class="masar-tag masar-{escape(masar.colour)}"><span class="masar-dot" '
        f'aria-hidden="true"></span> {labels.translated(masar, "name")[0]}</span>'
        for masar in masarat
    )
    colour = f" masar-{escape(masarat[0].colour)}" if masarat else ""
    fmt = labels.formats.get(activity.format)
    if fmt is None:
        fmt = escape(activity.format)
    return SafeString(
        f'\n<article class="activity-card{colour}" aria-labelledby="activity-{pk}-title">\n'
        f'  <p class="activity-when"><time datetime="{starts.isoformat()}">'
        f'{starts.hour:02d}:{starts.minute:02d}</time>–<time datetime="{ends.isoformat()}">'
        f'{ends.hour:02d}:{ends.minute:02d}</time><span class="activity-place"> · {place}'
        f"</span></p>\n"
        f'  <h3 class="activity-title" id="activity-{pk}-title"><a href="{labels.url_start}{pk}'
        f'{labels.url_end}">{title}</a>{note}</h3>\n'
        f"  {org}\n"
        f'  <p class="activity-tags"><span class="format-tag">{fmt}</span>{tags}</p>\n'
        f'  <button type="button" class="star-button" data-star="{pk}" aria-pressed="false" '
        f'aria-label="{labels.star}" aria-describedby="activity-{pk}-title" hidden>'
        f'<span class="star-icon" aria-hidden="true"></span></button>\n'
        f"</article>\n"
    )


def _key(language, zone, pk):
    return f"programme:card:{language}:{zone}:{pk}"


def attach_cards(activities):
    """Give each activity its card (activity.card_html): from the cache when
    it holds one for this programme version, else rendered and stored. One
    round trip to read, one to write what was missing."""
    activities = list(activities)
    if not activities:
        return activities
    language, zone = get_language(), timezone.get_current_timezone_name()
    keys = {activity.pk: _key(language, zone, activity.pk) for activity in activities}
    found = _safely("get_many", None, [VERSION_KEY, *keys.values()]) or {}
    version = found.get(VERSION_KEY)
    labels = None
    missing = {}
    for activity in activities:
        entry = found.get(keys[activity.pk])
        if version is not None and entry is not None and entry[0] == version:
            activity.card_html = SafeString(entry[1])
            continue
        labels = labels or Labels()
        activity.card_html = render_card(activity, labels)
        missing[keys[activity.pk]] = (version, str(activity.card_html))
    if missing and version is not None:
        _safely("set_many", None, missing, PROGRAMME_CACHE_TIMEOUT)
    return activities
