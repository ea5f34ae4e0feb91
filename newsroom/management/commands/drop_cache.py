"""Drop every cached page and fragment, in the shared cache and at the CDN."""

from django.core.management.base import BaseCommand

from newsroom.dependencies import EVERYTHING, invalidate


class Command(BaseCommand):
    help = (
        "Drop every cached page, Also Read list and fragment on every process, and purge the CDN: "
        "after a deploy that changes templates, or a bulk import that bypassed the models."
    )

    def handle(self, *args, **options):
        invalidate({EVERYTHING})
        self.stdout.write(self.style.SUCCESS("Dropped every cached page."))
