"""Check the structured data of every published article, for CI or cron."""

from django.core.management.base import BaseCommand, CommandError

from articles import structured_data
from articles.models import Article


class Command(BaseCommand):
    help = "List structured-data problems of published articles; exit non-zero when any is an error."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-warnings", action="store_true", help="List errors only.")

    def handle(self, *args, **options):
        checked = errors = warnings = 0
        for article in Article.objects.published().for_detail().order_by("-published_at", "-id"):
            checked += 1
            for finding in structured_data.findings(article):
                if finding.level == structured_data.ERROR:
                    errors += 1
                else:
                    warnings += 1
                    if options["quiet_warnings"]:
                        continue
                self.stdout.write(f"{article.get_absolute_url()}: {finding}")
        summary = f"{checked} published articles checked: {errors} errors, {warnings} warnings."
        if errors:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
