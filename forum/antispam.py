"""Protection shared by every public form: a honeypot, a per-address rate
limit and a once-only submission key.

    class ProposalForm(HoneypotFormMixin, SubmissionKeyFormMixin, forms.ModelForm): ...
        # in the crispy layout: honeypot_layout()
    class ProposeView(RateLimitMixin, CreateView):
        rate_limit_scope = "propose"
        rate_limit = (5, 3600)   # five accepted submissions an hour per address

A honeypot never refuses anything. A person's browser or form-filling tool
may fill a field nobody can see; refusing the form then would lock that person
out for good. So a filled honeypot only marks the submission: the service
stores it flagged as suspected spam, sends no email, and the visitor sees the
usual thank-you page; staff release it from the admin (the "suspected spam"
filter), which sends the emails held back.
"""

import logging
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
    the nearest of them saw (X-Forwarded-For cannot be forged past them)."""
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_exceeded(request, scope, limit, window):
    """Count one hit for this address; True once it has more than `limit`
    hits in `window` seconds. A cache that is down lets everyone through."""
    key = f"ratelimit:{scope}:{client_address(request)}"
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except Exception:
        logger.warning("Rate limit cache unavailable for %s", scope)
        return False
    return count > limit


class RateLimitMixin:
    """For form views: a valid submission beyond the limit from one address
    shows the form again, everything typed kept, with a clear message and
    status 429; never a server error. Invalid attempts are not counted, so a
    visitor correcting mistakes is never blocked."""

    rate_limit_scope = None
    rate_limit = (5, 3600)

    def form_valid(self, form):
        limit, window = self.rate_limit
        if rate_limit_exceeded(self.request, self.rate_limit_scope, limit, window):
            form.add_error(
                None,
                _(
                    "We received many submissions from your connection in a short time. "
                    "Please wait an hour and send again; what you typed is kept below."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
