from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import pipeline, revisions, tasks  # noqa: F401  (tasks: the background work and its jobs)

        pipeline.connect()
        revisions.register()
