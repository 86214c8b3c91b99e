"""Language helpers shared by views, templates and sitemaps."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from .links import absolute_url

RTL_LANGUAGES = {"ar", "ku", "fa", "he", "ur"}


def text_direction(code):
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def other_languages(code=None):
    code = code or get_language()
    return [lang for lang, _name in settings.LANGUAGES if lang != code]


def language_links(request):
    """The same page in each language, query string included.

    translate_url resolves the path in the active language and reverses it in
    the other; where a path cannot be resolved (a 404) the prefix is swapped.
    """
    current = get_language()
    full_path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(full_path, code)
        if url == full_path and code != current and full_path.startswith(f"/{current}/"):
            url = f"/{code}/" + full_path[len(current) + 2 :]
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": absolute_url(url),
                "dir": text_direction(code),
                "is_current": code == current,
            }
        )
    return links


def x_default_url(request):
    """The page without its language prefix: the server picks the language."""
    path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return absolute_url(path[len(code) + 1 :])
    return absolute_url(path)
