from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import pipeline, revisions

        pipeline.connect()
        revisions.register()
