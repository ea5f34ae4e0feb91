from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import navigation  # noqa: F401  (connects its signal receivers)
