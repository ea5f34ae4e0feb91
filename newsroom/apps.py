from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from . import publisher  # noqa: F401  (connects its signal receivers)
