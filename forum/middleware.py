"""Middleware of the site's own."""

import codecs

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import UnreadablePostError

from .views import healthz

# What the site reads a request in. ASCII is a subset of UTF-8.
READABLE_CHARSETS = {"utf-8", "ascii"}


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


def _codec_name(charset):
    try:
        return codecs.lookup(charset).name
    except (LookupError, ValueError):  # unknown, or not a name at all ("a\x00b")
        return None


class RequestCharsetMiddleware:
    """Reads every request as UTF-8, and answers the bilingual 400 page to one
    that declares another charset or whose form data is not UTF-8.

    Our pages are UTF-8, so browsers send forms in UTF-8 and name no charset.
    A `Content-Type` that names another one (latin-1, utf-16, cp037, a name
    no codec has) comes from a script; Django then refuses url-encoded data
    wherever request.POST is first read (the CSRF check, a view, axes), or
    decodes multipart data and the query string in that charset into
    garbage. Deciding once, here, before anything reads the body, gives one
    answer everywhere. `utf8` and other spellings of UTF-8 are read as UTF-8.

    After LocaleMiddleware, so the 400 page is in the URL's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = request.content_params or {}
        if "charset" in params:
            if _codec_name(params["charset"]) not in READABLE_CHARSETS:
                raise BadRequest("The request names a charset other than UTF-8.")
            request.encoding = "utf-8"
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            try:
                request.body.decode("utf-8")
            except UnicodeDecodeError as error:
                raise BadRequest("The form data is not UTF-8.") from error
            except UnreadablePostError:
                pass  # the visitor went away: the CSRF check answers, as without us
        return self.get_response(request)


_CSP_ATTRIBUTES = (
    "_csp_exempt",
    "_csp_exempt_ro",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the policy built once.

    django-csp builds the header for every response (a deep copy of the
    settings, then the string): more time than a cached page takes to serve.
    A response no view decorated (@csp_update, @csp_exempt...) and no nonce
    gets the same header every time, so it is built once here; anything else
    is left to django-csp."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.policy = csp.utils.build_policy()
        self.policy_report_only = csp.utils.build_policy(report_only=True)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        self.simple = not (policy.get("EXCLUDE_URL_PREFIXES") or self.policy_report_only)

    def process_response(self, request, response):
        if (
            not self.simple
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _CSP_ATTRIBUTES)
            or (response.status_code in {404, 500} and settings.DEBUG)
        ):
            return super().process_response(request, response)
        if self.policy and csp.constants.HEADER not in response:
            response[csp.constants.HEADER] = self.policy
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
