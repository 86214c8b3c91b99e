"""Every admin page needs a second factor: a staff member whose session has
not passed one is sent to set one up (the first time) or to use it."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import has_second_factor

# The password step and leaving: reached before the second factor.
OPEN_ADMIN_VIEWS = {"login", "logout"}


class SecondFactorRequiredMiddleware:
    """After django_otp's OTPMiddleware, which sets request.user.is_verified()."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        if match.url_name in OPEN_ADMIN_VIEWS:
            return None
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return None  # the admin sends them to its login form itself
        if user.is_verified():
            return None
        step = "staff:verify" if has_second_factor(user) else "staff:setup"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(step)}?{query}")
