from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import also_read, caching, faq_markup, redirects, search  # noqa: F401  (receivers)
