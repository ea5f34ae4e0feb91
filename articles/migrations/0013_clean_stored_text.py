from django.db import migrations

from newsroom.richtext import clean_stored_text


def clean(apps, schema_editor):
    # Headlines, names, tags and answers saved before the cleaning on save could carry
    # characters that break feeds and sitemaps (vertical tabs pasted from Word, U+FFFE).
    clean_stored_text(apps, {"articles", "faq", "newsroom", "taggit"})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_image_checks"),
        ("faq", "0002_faq_markup_owner"),
        ("newsroom", "0005_image_checks"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
