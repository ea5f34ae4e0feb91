"""Recount tag usage for Also Read after a bulk import that bypassed the models."""

from django.core.management.base import BaseCommand

from articles import also_read
from articles.models import TagUsage


class Command(BaseCommand):
    help = "Recount how many public articles carry each tag, and drop cached Also Read lists."

    def handle(self, *args, **options):
        also_read.refresh_all_tag_usage()
        also_read.forget()
        self.stdout.write(self.style.SUCCESS(f"Counted {TagUsage.objects.count()} tags."))
