"""Send the CDN purges that failed when they were first sent."""

from django.core.management.base import BaseCommand

from newsroom.cdn import retry_pending


class Command(BaseCommand):
    help = "Send the CDN purges that failed (the CDN was down or slow) now; workers do it every five minutes."

    def handle(self, *args, **options):
        sent, failed = retry_pending()
        self.stdout.write(f"Sent {sent} pending purge(s); {failed} still failing.")
        if failed:
            raise SystemExit(1)
