"""Development on a laptop: debug on by default, mail printed to the console."""

from config.settings.base import *  # noqa: F403
from config.settings.base import config_errors_exit, env

with config_errors_exit():
    DEBUG = env.bool("DEBUG", default=True)
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
    )

# Serve static files straight from static/ (no collectstatic in development).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
