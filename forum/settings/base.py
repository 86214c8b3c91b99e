"""Settings shared by every environment.

Everything that differs between a laptop and the forum's servers is read
from the environment (see .env.example); the defaults here are safe for
development only. production.py refuses the development secret key.
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import cache_from_url, env_bool, env_int, env_list, env_str, site_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - refused by production.py
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The site's public address. Every absolute link (emails, calendar files and
# their UIDs, schedule exports, JSON-LD, Open Graph, hreflang, the sitemap)
# is built from it (forum.links.absolute_url), never from the request's Host
# header: a client chooses that header, and a link in an email must not carry
# whatever host, or port, one request arrived with. production.py requires it.
SITE_URL = site_url(env_str("SITE_URL").strip() or "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes win.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_tasks",
    "forum.apps.TaskQueueConfig",  # django_tasks_db, named in Arabic too
    "csp",
    "forum.apps.LoginAttemptsConfig",  # axes, named in Arabic too
    "django_otp",
    "forum.apps.AuthenticatorAppsConfig",  # django_otp's TOTP, named in Arabic too
    "forum.apps.PasskeysConfig",  # django_otp_webauthn, named in Arabic too
    "forum",
    "activities",
    "volunteers",
    "outcomes",
    "staff",
    "reviews",
]

MIDDLEWARE = [
    # First: a health probe by address needs no host check, redirect or session.
    "forum.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A header, like security's: on every response, static files included.
    "forum.middleware.PermissionsPolicyMiddleware",
    # Right after the headers: static files need no session, locale or CSRF work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's, with the policy built once (forum/middleware.py).
    "forum.middleware.CSPMiddleware",
    # After the headers every response carries, before the session: a hit on
    # a cached public page needs no session, CSRF, auth or messages work.
    "activities.page_hits.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language cookie), before common (so the
    # /ar/ prefix is added before APPEND_SLASH redirects).
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF, views, axes): one 400 page, in the
    # URL's language, for a request in a charset other than UTF-8.
    "forum.middleware.RequestCharsetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed a second factor?
    "django_otp.middleware.OTPMiddleware",
    # Every admin page but the login needs it (staff/middleware.py).
    "staff.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses a login while its username + address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The second factor of staff logins (staff/): an authenticator app, passkeys
# and recovery codes, as django-otp devices. Passkeys are a second factor
# only: the password step (and django-axes's lockout) always comes first.
OTP_TOTP_ISSUER = "ISF"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "Iraqi Social Forum"
OTP_WEBAUTHN_RP_ID_CALLABLE = "staff.second_factor.rp_id"
OTP_WEBAUTHN_HELPER_CLASS = "staff.second_factor.WebAuthnHelper"
# Origins besides the one a request came to (a host ALLOWED_HOSTS accepted).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("OTP_WEBAUTHN_ALLOWED_ORIGINS", "") or [
    f"https://{host}" for host in ALLOWED_HOSTS if host not in {"*", ""} and host[0] != "."
]

# Admin logins: five wrong passwords for one username from one address lock
# that pair for 30 minutes. Locking by username alone would let anyone lock a
# moderator out from anywhere; by address alone, a whole office behind one NAT.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "forum/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "forum.antispam.client_address"
# Number of trusted reverse proxies in front of the app (nginx: 1). Decides
# which X-Forwarded-For entry is the visitor's address for rate limits.
NUM_PROXIES = env_int("NUM_PROXIES", 0)

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "forum.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic first and default; every URL carries its language.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the public pages write them (the admin reads these named formats).
FORMAT_MODULE_PATH = ["forum.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Baghdad"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
# No automatic fallback: templates decide, so a fallback text can be marked
# with its own lang/dir and a note ("Available in Arabic only").
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ()}

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed names never change content, so browsers may keep them a year.
WHITENOISE_MAX_AGE = 365 * 24 * 3600

# modeltranslation's tabbed admin would load jQuery UI from a CDN otherwise.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Django 6's default, now: a URL typed without a scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

# django-import-export lets anyone who can open the admin download an export
# unless told otherwise: a volunteer coordinator could post to the proposals'
# export and get every organizer's contact data. An export needs the "view"
# permission of its model: whoever can read the rows in the list may download
# them, and nobody else (tests/test_admin_access.py).
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: Django's own setting names, so any SMTP relay works.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ISF <noreply@iraqsocialforum.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who hears about new proposals and sign-ups.
PROGRAMME_NOTIFY_EMAILS = env_list("PROGRAMME_NOTIFY_EMAILS", "programme@iraqsocialforum.org")
VOLUNTEER_NOTIFY_EMAILS = env_list("VOLUNTEER_NOTIFY_EMAILS", "volunteers@iraqsocialforum.org")
# The language of those notifications to staff (ar or en).
STAFF_EMAIL_LANGUAGE = env_str("STAFF_EMAIL_LANGUAGE", "ar")

# Similar proposals (activities/convergence/similarity.py): how close two
# proposals' titles and summaries must be (PostgreSQL trigram similarity,
# 0 to 1) and how many are shown for one proposal.
SIMILAR_PROPOSALS_THRESHOLD = float(env_str("SIMILAR_PROPOSALS_THRESHOLD", "0.25"))
SIMILAR_PROPOSALS_LIMIT = env_int("SIMILAR_PROPOSALS_LIMIT", 5)

# Mail goes through a durable queue (a database table) so that a mail server
# that is down never loses a submission; `manage.py db_worker` sends it.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Contact data of organizers and volunteers is erased this many days after
# their season's last day (manage.py erase_personal_data, run daily).
PRIVACY_ERASE_AFTER_DAYS = env_int("PRIVACY_ERASE_AFTER_DAYS", 90)

# The admin lives at a configurable path, so it is not where bots look first.
ADMIN_URL = env_str("ADMIN_URL", "admin/").strip("/") + "/"

# Content-Security-Policy: only our own origin; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Browser features the site does not use, off for it and anything it embeds
# (Chromium warns in the console of features it does not know, such as
# bluetooth and web-share: keep to the ones it knows). The camera stays
# allowed to the site itself, for the check-in page that will scan
# volunteers' codes.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": ["self"],
    "clipboard-read": [],
    "clipboard-write": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": [],
    "gamepad": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "local-fonts": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "otp-credentials": [],
    "payment": [],
    "picture-in-picture": [],
    # Passkeys, on the site itself only (the staff's second factor).
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "sync-xhr": [],
    "usb": [],
    "window-management": [],
    "xr-spatial-tracking": [],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_HTTPONLY = True

# Size limits for what a visitor can post: forms only, no uploads. A larger
# post gets the bilingual 400 page, never a server error.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No email address or phone number reaches a log line, whoever logs it.
    "filters": {"redact": {"()": "forum.logging.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Axes announces itself at every start; lockouts are warnings and still show.
    "loggers": {"axes.apps": {"level": "WARNING"}},
}
