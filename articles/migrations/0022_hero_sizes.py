"""Stories whose hero picture was stored by name, without its pixel size, get it now."""

from django.core.files.storage import default_storage
from django.db import migrations
from PIL import Image


def store_sizes(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    missing = Article.objects.exclude(hero_image="").filter(hero_width__isnull=True)
    for pk, name in missing.values_list("pk", "hero_image").iterator():
        try:
            with default_storage.open(name) as stored, Image.open(stored) as picture:
                width, height = picture.size
        except (OSError, ValueError):
            continue  # a missing or unreadable file: the publishing checks name it
        Article.objects.filter(pk=pk).update(hero_width=width, hero_height=height)


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_archive_indexes")]

    operations = [migrations.RunPython(store_sizes, migrations.RunPython.noop)]
