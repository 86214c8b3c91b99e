from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from forum.i18n import other_languages, text_direction

register = template.Library()


def field_in_language(obj, field):
    """(text, language) of a translated field: the page's language first,
    else the other language's text, so a title is never empty."""
    current = get_language()
    for code in [current, *other_languages(current)]:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return value, code
    return getattr(obj, field, "") or "", current


@register.simple_tag
def translated(obj, field, note=False):
    """A translated field, marked with its own lang/dir when it is a fallback.

    `{% translated activity "title" note=True %}` adds a short note such as
    “Available in Arabic only” after a fallback.
    """
    value, code = field_in_language(obj, field)
    if code == get_language():
        return format_html("{}", value)
    html = format_html('<span lang="{}" dir="{}">{}</span>', code, text_direction(code), value)
    if note:
        html = format_html(
            '{} <small class="translation-note text-body-secondary">{}</small>',
            html,
            _("Available in Arabic only") if code == "ar" else _("Available in English only"),
        )
    return html


@register.filter
def is_fallback(obj, field):
    """True when the field has no text in the page's language."""
    return field_in_language(obj, field)[1] != get_language()
