from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrewConfig(AppConfig):
    name = "crew"
    verbose_name = _("Crew")

    def ready(self) -> None:
        from crew import hooks

        hooks.connect()
