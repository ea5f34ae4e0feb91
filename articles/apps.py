from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import also_read, faq_markup, freshness, navigation, redirects, search  # noqa: F401  (receivers)
