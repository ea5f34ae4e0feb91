from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def make_cache_table(apps, schema_editor):
    # The database cache's table, so a site without Redis shares one cache from its first start.
    call_command("createcachetable", settings.CACHE_TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(settings.CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_profile_links_validated")]

    operations = [migrations.RunPython(make_cache_table, drop_cache_table)]
