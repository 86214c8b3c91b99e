"""The empty proposal and volunteer forms, kept rendered in the shared cache.

An empty form page is the same for every visitor but for three values: the
CSRF token, the submission key (a resend of one form is recognised as one
submission) and — nothing else: the honeypot is an empty field. Rendering it
(crispy forms, a template per field and per choice) costs tens of
milliseconds; so the page is rendered once per language, season, day and
version of what it shows, kept with placeholders where those values go, and
each visitor gets a copy with a fresh token and key of their own.

What the key of the kept page holds: the view's own `name` (its season, and
for the volunteer form a fingerprint of the open teams), the language, the
day (the days still ahead are choices), and the programme version
(activities.cache: any change to the season, its masarat or places replaces
it). Only the plain page is kept: a request with a query string (an
invitation's pre-filled form), from a logged-in user (the preview notice),
or with a message waiting, is rendered as before; so is every POST (a bound
form with its errors).
"""

import re
import uuid

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "\x00csrf-token\x00"
KEY_PLACEHOLDER = "\x00submission-key\x00"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
KEY_INPUT = re.compile(r'(name="submission_key" value=")([^"]+)(")')


def _template(response):
    """The rendered page with placeholders for the per-visitor values, or
    None when it has no CSRF token or not exactly one submission key (then
    nothing is kept). (The sign-up form writes its token twice: crispy's
    helper and the template's tag, one value.)"""
    response.render()
    html = response.content.decode(response.charset)
    html, csrf_count = CSRF_INPUT.subn(rf"\g<1>{CSRF_PLACEHOLDER}\g<3>", html)
    html, key_count = KEY_INPUT.subn(rf"\g<1>{KEY_PLACEHOLDER}\g<3>", html)
    if csrf_count < 1 or key_count != 1:
        return None
    return {"html": html, "content_type": response["Content-Type"]}


def empty_form_page(request, name, render):
    """The empty form page: `render()` makes the response (a TemplateResponse)
    when the kept one is missing or may not be used."""
    from activities.cache import cached

    if (
        request.method != "GET"
        or request.GET
        or request.user.is_authenticated
        or len(get_messages(request))
    ):
        return render()
    made = {}

    def compute():
        made["response"] = render()
        return _template(made["response"])

    key = f"form-page:{name}:{get_language()}:{timezone.localdate().isoformat()}"
    kept = cached(key, compute)
    if "response" in made or kept is None:
        # Rendered for this visitor just now (or not keepable): as it is.
        return made.get("response") or render()
    html = kept["html"].replace(CSRF_PLACEHOLDER, get_token(request))
    html = html.replace(KEY_PLACEHOLDER, str(uuid.uuid4()), 1)
    return HttpResponse(html, content_type=kept["content_type"])
