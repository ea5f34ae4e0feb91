from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import pre_save

        from . import cdn, checks, pictures, publisher  # noqa: F401  (signal receivers and system checks)
        from .richtext import clean_text_fields

        pre_save.connect(clean_text_fields, dispatch_uid="newsroom-clean-text-fields")
