"""Write the image renditions of articles and authors again, for example after the set of sizes changes."""

from django.core.management.base import BaseCommand

from articles import renditions
from articles.models import Article, Author


def outdated(record):
    """True for a record made before renditions came in several widths and formats."""
    return not record or any("sizes" not in rendition for rendition in record.values())


class Command(BaseCommand):
    help = "Make the missing WebP and JPEG renditions of hero images and author photos (--all: every one)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Make every rendition again, not only missing ones."
        )

    def handle(self, *args, **options):
        made = 0
        for article in Article.objects.exclude(hero_image="").only("pk", "hero_image", "hero_renditions"):
            if options["all"] or outdated(article.hero_renditions):
                record = renditions.make(article.hero_image)
                Article.objects.filter(pk=article.pk).update(hero_renditions=record)
                made += 1
        for author in Author.objects.exclude(photo="").only("pk", "photo", "photo_renditions"):
            if options["all"] or outdated(author.photo_renditions):
                record = renditions.make_portrait(author.photo)
                Author.objects.filter(pk=author.pk).update(photo_renditions=record)
                made += 1
        self.stdout.write(f"Renditions made for {made} images.")
