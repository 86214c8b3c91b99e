"""Protection shared by every public form: a honeypot, rate limits per
address and email, and a once-only submission key.

    class ProposalForm(HoneypotFormMixin, SubmissionKeyFormMixin, forms.ModelForm): ...
        # in the crispy layout: honeypot_layout()
    class ProposeView(RateLimitMixin, CreateView):
        rate_limit_scope = "propose"
        rate_limits = (RateLimit(5, 3600, per_email=True), RateLimit(60, 3600, per_email=False))
        rate_limit_message = ngettext_lazy("… in %(minutes)s minute …", "… minutes …", "minutes")
        # the template: {% include "forum/includes/rate_limited.html" %}

A honeypot never refuses anything. A person's browser or form-filling tool
may fill a field nobody can see; refusing the form then would lock that person
out for good. So a filled honeypot only marks the submission: the service
stores it flagged as suspected spam, sends no email, and the visitor sees the
usual thank-you page; staff release it from the admin (the "suspected spam"
filter), which sends the emails held back.
"""

import dataclasses
import hashlib
import ipaddress
import logging
import math
import time
import uuid

from crispy_forms.layout import Div
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# A name no browser's autofill or password manager recognises (a "fax"
# field, as before, is filled from address books), but a bot fills.
HONEYPOT_NAME = "extra_comment"


class HoneypotInput(forms.TextInput):
    """Never renders a value: a form shown again does not send it back."""

    def format_value(self, value):
        return None


class HoneypotFormMixin(forms.Form):
    """A field people never reach (the `hidden` attribute: not shown, not
    focusable, not read by screen readers, not autofilled) that bots fill in.

    It never makes the form invalid; `form.suspected_spam` tells the view."""

    extra_comment = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=HoneypotInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def suspected_spam(self):
        if not self.is_bound:
            return False
        return bool(str(self.data.get(self.add_prefix(HONEYPOT_NAME), "")).strip())

    def clean_extra_comment(self):
        return ""


def honeypot_layout():
    """The honeypot in a crispy layout: hidden by the `hidden` attribute, so it
    holds without CSS too, and `inert` for assistive technology."""
    return Div(HONEYPOT_NAME, css_class="hp-field", hidden=True, inert=True, aria_hidden="true")


class SubmissionKeyFormMixin(forms.Form):
    """A key made when the form is shown: a resend of the same form (double
    click, a retry on a slow network) is recognised as the same submission."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


def client_address(request):
    """The visitor's address. Behind NUM_PROXIES trusted proxies, the address
    the nearest of them saw (X-Forwarded-For cannot be forged past them).

    Always an IP address or "": it is stored (axes keeps it in an inet
    column) and used in cache keys. An entry that is not an address means
    no trusted proxy wrote it (a visitor's own header, with no proxy in
    front): then the address the connection came from counts.
    """
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies and (address := ip_address_or_none(forwarded[-proxies])):
            return address
    return ip_address_or_none(request.META.get("REMOTE_ADDR", "")) or ""


def ip_address_or_none(text):
    """'10.0.0.7' -> '10.0.0.7'; None for anything that is not an IP address.
    A zone (fe80::1%eth0) names the sender's interface and PostgreSQL's inet
    refuses it: it is dropped."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return str(type(address)(int(address)))


# The clock of the rate limits (tests set their own).
clock = time.time


@dataclasses.dataclass(frozen=True)
class RateLimit:
    """At most `limit` accepted submissions in each `window` seconds, counted
    per address and email together (`per_email=True`) or per address alone."""

    limit: int
    window: int
    per_email: bool


def rate_limit_refusal(request, scope, limits, email=""):
    """Count one accepted submission against each limit, in order; the
    seconds until the visitor may send again when one is over, else None.

    Counters live in the shared cache, in fixed windows (an hour from the
    top of the hour for a 3600-second window), so the page can say when the
    window ends. Addresses and emails are hashed into the keys. A cache that
    is down lets everyone through."""
    now = clock()
    address = client_address(request)
    email = (email or "").strip().lower()
    for rule in limits:
        window_number = int(now // rule.window)
        who = f"{address}\n{email}" if rule.per_email else address
        digest = hashlib.sha256(who.encode()).hexdigest()[:32]
        kind = "email" if rule.per_email else "address"
        key = f"ratelimit:{scope}:{kind}:{digest}:{window_number}"
        try:
            cache.add(key, 0, timeout=rule.window)
            count = cache.incr(key)
        except Exception:
            logger.warning("Rate limit cache unavailable for %s", scope)
            return None
        if count > rule.limit:
            return (window_number + 1) * rule.window - now
    return None


class RateLimitMixin:
    """For form views: a valid submission beyond a limit shows the form again,
    everything typed kept, with one message (not a field error: no field is
    wrong) saying when to send again, and status 429; never a server error.
    Invalid attempts are not counted, so a visitor correcting mistakes is
    never blocked.

    Counting per address alone would stop a whole NGO office, a university or
    a mobile operator's shared address at the sixth proposal; so the low limit
    is per address and email together, and the address alone has a much
    higher ceiling that only a flood reaches."""

    rate_limit_scope = None
    rate_limits = (RateLimit(5, 3600, per_email=True), RateLimit(60, 3600, per_email=False))
    rate_limit_email_field = "email"
    # Required: ngettext_lazy(singular, plural, "minutes"), in the form's own
    # register (the proposal form speaks to an organization, in the plural).
    rate_limit_message = None

    def form_valid(self, form):
        wait = rate_limit_refusal(
            self.request,
            self.rate_limit_scope,
            self.rate_limits,
            email=form.cleaned_data.get(self.rate_limit_email_field, ""),
        )
        if wait is not None:
            minutes = max(1, math.ceil(wait / 60))
            message = self.rate_limit_message % {"minutes": minutes}
            return self.render_to_response(
                self.get_context_data(form=form, rate_limited=message), status=429
            )
        return super().form_valid(form)
