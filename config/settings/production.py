"""Production: a real secret key is required, HTTPS only (HSTS), cookies are secure, static
files hashed. ``manage.py check --deploy`` passes with the environment of docs/operations.md."""

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, STORAGES, config_errors_exit, env

with config_errors_exit():
    SECRET_KEY = env.str("SECRET_KEY")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Browsers that saw the site once speak only HTTPS to it (and its subdomains) for a year.
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)

if not SECURE_HSTS_PRELOAD:
    # Asking browsers to preload HTTPS-only for the whole domain is the domain owner's
    # decision (hard to undo, binds every subdomain), so it is off unless asked for; the
    # deploy check's reminder that it is off (security.W021) is silenced with it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
