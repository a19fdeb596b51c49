from django.apps import AppConfig


class CrewConfig(AppConfig):
    name = "crew"
    verbose_name = "Crew"

    def ready(self) -> None:
        from crew import hooks

        hooks.connect()
