"""Write the image renditions of articles and authors again, for example after the set of sizes changes."""

from django.core.management.base import BaseCommand

from articles import renditions
from articles.models import Article, Author


class Command(BaseCommand):
    help = "Make the missing WebP and JPEG renditions of hero images and author photos (--all: every one)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Make every rendition again, not only missing ones."
        )

    def handle(self, *args, **options):
        articles = Article.objects.exclude(hero_image="").only("pk", "hero_image", "hero_renditions")
        authors = Author.objects.exclude(photo="").only("pk", "photo", "photo_renditions")
        images = [(article, article.hero_renditions) for article in articles]
        images += [(author, author.photo_renditions) for author in authors]
        made = 0
        for owner, record in images:
            if options["all"] or not renditions.is_current(record):
                owner.make_renditions()
                made += 1
        self.stdout.write(f"Renditions made for {made} images.")
