"""Middleware of the site's own."""

from django.conf import settings

from .views import healthz


class HealthCheckMiddleware:
    """Answers /healthz before anything else looks at the request.

    Load balancers and monitors probe each app server by its address, with
    no Host header the site knows; ALLOWED_HOSTS, the HTTPS redirect and
    sessions are for visitors, not for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz(request)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY as the Permissions-Policy header:
    the browser features the site does not use are switched off for it and
    for anything it might embed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
