from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Seed data and the development stack. It imports every app; nothing imports it."""

    name = "demo"
    verbose_name = "Demo"
