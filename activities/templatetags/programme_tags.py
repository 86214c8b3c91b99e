from django import template
from django.utils.translation import get_language, get_language_bidi

from forum.i18n import text_direction
from forum.templatetags.forum_tags import field_in_language

from ..models import Activity

register = template.Library()


@register.filter
def language_names(codes):
    """["ar", "ku"] -> "Arabic, Kurdish" in the page's language (، in Arabic)."""
    labels = dict(Activity.Language.choices)
    separator = "، " if get_language_bidi() else ", "
    return separator.join(str(labels[code]) for code in codes or [] if code in labels)


@register.filter
def plain(obj, field):
    """A translated field as plain text (page language, else the other):
    for <title>, meta tags and attributes, where no markup can go."""
    return field_in_language(obj, field)[0]


@register.simple_tag
def text_of(obj, field):
    """`{% text_of activity "description" as text %}`: the text with its
    language, to mark a fallback block with lang/dir."""
    value, code = field_in_language(obj, field)
    return {
        "text": value,
        "lang": code,
        "dir": text_direction(code),
        "is_fallback": code != get_language(),
    }


@register.simple_tag
def activity_card(activity):
    """An activity's card (activities/cards.py): the one attach_cards gave it,
    else written now."""
    html = getattr(activity, "card_html", None)
    if html is None:
        from ..cards import render_card

        html = render_card(activity)
    return html
