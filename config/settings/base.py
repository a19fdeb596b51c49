"""Settings shared by every environment. All configuration comes from the environment.

The environment modules (local, test, production) import this and change only what
differs. Every variable is documented in docs/operations.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django_stubs_ext

from config.env import (
    ConfigError,
    Env,
    celery_broker_url,
    parse_database_url,
    parse_redis_url,
    parse_site_url,
)

# Lets model forms, querysets and managers be subscripted (ModelForm[User]) at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = Env()


@contextmanager
def config_errors_exit() -> Iterator[None]:
    """Stop start-up with one line naming the variable instead of a traceback."""
    try:
        yield
    except ConfigError as exc:
        raise SystemExit(f"callboard: configuration error: {exc}") from None


with config_errors_exit():
    DEBUG = env.bool("DEBUG", default=False)
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-change-me")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
    DATABASES = {"default": env.parsed("DATABASE_URL", parse_database_url)}
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    REDIS_URL = env.parsed("REDIS_URL", parse_redis_url)
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25, minimum=1)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20, minimum=1)
    DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Callboard <callboard@localhost>")
    # The port `make run` serves on; unless SITE_URL says otherwise, links point there.
    PORT = env.int("PORT", default=8000, minimum=1, maximum=65535)
    # Every absolute link (e-mails, API page links) starts here, never at the request's
    # Host header.
    SITE_URL = env.parsed("SITE_URL", parse_site_url, default=f"http://127.0.0.1:{PORT}")
    LOG_LEVEL = env.choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
    CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="callboard")
    NUM_PROXIES = env.int("NUM_PROXIES", default=0, minimum=0)
    # /healthz: a worker's heartbeat lives this long (a dead worker shows within it), and
    # anonymous callers may ask this often per address and minute (0: no limit).
    HEALTHZ_WORKER_TTL = env.int("HEALTHZ_WORKER_TTL", default=30, minimum=2)
    HEALTHZ_RATE_PER_MINUTE = env.int("HEALTHZ_RATE_PER_MINUTE", default=60, minimum=0)
    LOCKOUT_WINDOW_SECONDS = env.int("LOCKOUT_WINDOW_SECONDS", default=900, minimum=1)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "core",
    "accounts",
    "productions",
    "crew",
    "scheduling",
    "notifications",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLocaleMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
                "core.security.csp_nonce",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Pages speak the signed-in user's language (their profile), else the browser's
# (Accept-Language), else English; see accounts/middleware.py. Each language is named in
# itself, so someone who cannot read the current one still finds their own in the list.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("de", "Deutsch"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Security headers: docs/operations.md, "Security headers", describes each one.
# SecurityMiddleware sends the first three (and HSTS in production), XFrameOptionsMiddleware
# X-Frame-Options, core.security.SecurityHeadersMiddleware the CSP and Permissions-Policy.
# The two header middlewares come right after SecurityMiddleware so that every answer,
# even one a later middleware gives (a redirect to the login page, a 400), carries them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy of every HTML response. No page runs an inline script: scripts
# are files under static/js/. Styles are static/css/ files, plus a <style> element a page
# marks with {{ csp_nonce }} (the breakdown's category colours, chosen per production).
# NONCE (core.security.NONCE) becomes this response's 'nonce-…', or is left out when the
# page used none.
SELF, NONE, NONCE = "'self'", "'none'", "'nonce'"
CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF, NONCE],
    "img-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [NONE],
    "form-action": [SELF],
}
# Directives changed for the third-party pages under a path (the longest prefix wins).
CONTENT_SECURITY_POLICY_PATHS = {
    # The admin: Django's own pages have no inline script; django-celery-beat's periodic
    # task form has one, given the nonce by templates/admin/djcelery/.
    "/admin/": {"script-src": [SELF, NONCE]},
    # Swagger UI (drf-spectacular): the page starts the UI with one inline script and one
    # inline <style>; templates/drf_spectacular/swagger_ui.html gives both the nonce.
    # Its stylesheet draws icons as data: images.
    "/api/v1/docs/": {"script-src": [SELF, NONCE], "img-src": [SELF, "data:"]},
    # Redoc: the same for its inline script (templates/drf_spectacular/redoc.html); Redoc
    # puts the nonce on the <style> elements it adds, except two it adds while loading,
    # before it knows the nonce: allowed by hash (an empty one, and perfect-scrollbar's
    # stylesheet in the Redoc of drf-spectacular-sidecar 2026.10.1;
    # tests/core/test_csp_browser.py fails if an upgrade changes them). Its search index
    # runs in a worker made from a blob: URL. Its logo from cdn.redoc.ly is refused (Redoc
    # then hides it): no page loads anything from another site.
    "/api/v1/redoc/": {
        "script-src": [SELF, NONCE],
        "style-src": [
            SELF,
            NONCE,
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
            "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
        ],
        "img-src": [SELF, "data:"],
        "worker-src": [SELF, "blob:"],
    },
}
# Browser features no page uses, refused to the pages and anything they embed.
PERMISSIONS_POLICY_DENY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "callboard",
    }
}

# Celery: Redis is the broker; results are not stored (tasks write their outcome to the
# database, which is the record). Tasks are acknowledged late so a killed worker's task
# is redelivered, which is safe because every task is idempotent.
CELERY_BROKER_URL = celery_broker_url(REDIS_URL)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    # How many proxies in front of the app add to X-Forwarded-For: the client address for
    # lockouts is read accordingly (0: the connection's own address; never the header).
    "NUM_PROXIES": NUM_PROXIES,
}

# How long an invitation's link works (productions/invitations.py).
INVITATION_VALID_DAYS = 14

# Lockouts (accounts/lockout.py): failures per account and per client address allowed in
# LOCKOUT_WINDOW_SECONDS; the login form and the API's token creation share "login".
LOCKOUT_LIMITS = {
    "login": {"account": 5, "address": 20},
    "password_reset": {"account": 3, "address": 20},
    "link": {"account": 10, "address": 20},
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Callboard API",
    "DESCRIPTION": (
        "Film and TV production teams: members and invitations, the crew list, cast, "
        "deadlines and the script breakdown (scenes, sets, locations, screenplay import)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "role" or "status"; give each choice set its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "MemberRoleEnum": "productions.roles.Role",
        "CoProducerRoleEnum": "productions.models.CoProducerRole",
        "ProductionStatusEnum": "productions.models.ProductionStatus",
        "DeadlineStatusEnum": "crew.models.DeadlineStatus",
        "EngagementStatusEnum": "crew.models.EngagementStatus",
        "ImportStatusEnum": "scheduling.breakdown.models.ImportStatus",
        "InvitationStatusEnum": "productions.models.InvitationStatus",
        "ProductionKindEnum": "productions.models.ProductionKind",
        "UnitKindEnum": "scheduling.stripboard.models.UnitKind",
        "DayKindEnum": "scheduling.stripboard.models.DayKind",
        "ScheduleStatusEnum": "scheduling.stripboard.models.ScheduleStatus",
    },
    # Serve Swagger UI / Redoc from our own static files: no CDN needed on a closed network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # No validator badge: it is an image from validator.swagger.io, which the CSP refuses.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# How long a read's ETag is remembered under its validator key (core/api/conditional.py).
ETAG_CACHE_SECONDS = 3600

# Rendered list tables kept per data version and viewer class (productions/fragments.py).
# Only bench/load.py turns this off, to measure the render it saves.
FRAGMENT_CACHE = True
