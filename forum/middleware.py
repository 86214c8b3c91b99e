"""Middleware of the site's own."""

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
