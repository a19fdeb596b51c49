from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Seed data and the development stack. It imports every app; nothing imports it."""

    name = "demo"
    verbose_name = _("Demo")
