"""The second step of a staff login: set up a second factor the first time,
use it (or a recovery code) every time after, and see new recovery codes once."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import second_factor
from .forms import CodeForm
from .models import RecoveryCodeDevice


def staff_only(view):
    """Logged in as staff (the password step passed), or to the admin's login form."""
    view = require_http_methods(["GET", "POST"])(view)
    view = login_required(view, login_url="admin:login")

    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            return redirect("admin:login")
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def page(request, template, title, **context):
    return render(
        request,
        template,
        {
            "title": title,
            "site_title": admin.site.site_title,
            "site_header": admin.site.site_header,
            "next": next_url(request),
            **context,
        },
    )


@staff_only
def setup(request):
    """The first login: an authenticator app or a passkey, then recovery codes."""
    if request.user.is_verified():
        return redirect(next_url(request))
    if second_factor.has_second_factor(request.user):
        return redirect(f"{reverse('staff:verify')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_totp(request, form.cleaned_data["code"]):
            second_factor.issue_recovery_codes(request)
            return redirect(f"{reverse('staff:recovery_codes')}?next={next_url(request)}")
        form.add_error(
            "code",
            _("That is not the app's current code. Check the phone's clock and type the new code."),
        )
    hex_key = second_factor.pending_totp_key(request)
    return page(
        request,
        "staff/setup.html",
        _("Set up a second factor"),
        form=form,
        qr_code=second_factor.totp_qr_code(request.user, hex_key),
        readable_key=second_factor.readable_key(hex_key),
    )


@staff_only
def verify(request):
    """Every login after the first: a code from the app, a passkey or a recovery code."""
    if request.user.is_verified():
        return redirect(next_url(request))
    if not second_factor.has_second_factor(request.user):
        return redirect(f"{reverse('staff:setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    throttled = False
    if request.method == "POST" and form.is_valid():
        device, throttled = second_factor.verify_typed_code(request, form.cleaned_data["code"])
        if device is not None:
            if isinstance(device, RecoveryCodeDevice) and device.remaining() <= 2:
                return redirect(f"{reverse('staff:recovery_codes')}?next={next_url(request)}")
            return redirect(next_url(request))
        if throttled:
            form.add_error(
                "code",
                _("Too many wrong codes: wait a minute, then type the newest code."),
            )
        else:
            form.add_error("code", _("That code is not right, or was already used."))
    response = page(
        request,
        "staff/verify.html",
        _("Second factor"),
        form=form,
        has_passkey=second_factor.has_passkey(request.user),
    )
    if throttled:
        response.status_code = 429
    return response


@staff_only
def recovery_codes(request):
    """New codes, shown once; later, how many are left and a way to replace them."""
    if not request.user.is_verified():
        return redirect(f"{reverse('staff:verify')}?{request.GET.urlencode()}")
    if (
        request.method == "POST"
        or not RecoveryCodeDevice.objects.filter(user=request.user).exists()
    ):
        # A passkey's setup ends here: it makes the first codes.
        second_factor.issue_recovery_codes(request)
        return redirect(f"{reverse('staff:recovery_codes')}?next={next_url(request)}")
    codes = request.session.pop(second_factor.NEW_CODES_KEY, None)
    device = RecoveryCodeDevice.objects.get(user=request.user)
    return page(
        request,
        "staff/recovery_codes.html",
        _("Recovery codes"),
        codes=codes,
        remaining=device.remaining(),
    )
