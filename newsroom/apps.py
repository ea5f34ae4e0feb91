from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from . import cdn, checks, publisher  # noqa: F401  (signal receivers and system checks)
