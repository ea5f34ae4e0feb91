from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import also_read, freshness, navigation  # noqa: F401  (they connect signal receivers)
