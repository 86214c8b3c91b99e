"""Protection shared by every public form: a honeypot, a per-address rate
limit and a once-only submission key.

    class ProposalForm(HoneypotFormMixin, SubmissionKeyFormMixin, forms.ModelForm): ...
    class ProposeView(RateLimitMixin, CreateView):
        rate_limit_scope = "propose"
        rate_limit = (5, 3600)   # five accepted submissions an hour per address

The honeypot field renders with the form (crispy: wrap it in a Div with css_class="hp-field").
"""

import ipaddress
import logging
import uuid

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

HONEYPOT_NAME = "fax_number"


class HoneypotFormMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by keyboard and screen
    readers) that bots fill in."""

    fax_number = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_fax_number(self):
        if self.cleaned_data.get(HONEYPOT_NAME):
            raise forms.ValidationError(
                _("This form could not be sent. Please try again."), code="honeypot"
            )
        return ""


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
