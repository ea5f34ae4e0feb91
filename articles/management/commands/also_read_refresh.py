"""Recount tag usage for Also Read after a bulk import that bypassed the models."""

from django.core.management.base import BaseCommand

from articles import also_read
from articles.models import TagUsage
from newsroom.dependencies import EVERYTHING, invalidate


class Command(BaseCommand):
    help = "Recopy publication times onto tag links, recount tag usage, and drop cached Also Read lists."

    def handle(self, *args, **options):
        also_read.refresh_all()
        invalidate({EVERYTHING})
        self.stdout.write(self.style.SUCCESS(f"Counted {TagUsage.objects.count()} tags."))
