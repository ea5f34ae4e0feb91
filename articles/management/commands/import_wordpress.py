"""Import a WordPress export (WXR): authors, sections, tags, posts, pictures, FAQ blocks, old addresses."""

import sys

from django.core.management.base import BaseCommand, CommandError

from articles.imports import wordpress, wxr


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools > Export > All content). Running it again updates the stories "
        "it made. Nothing that was not public in WordPress becomes public."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export file (.xml), as WordPress wrote it.")
        parser.add_argument(
            "--media-dir",
            help="A copy of the old site's wp-content/uploads/ folder: featured images and body pictures "
            "are taken from there (missing ones are listed).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything; save nothing.")
        parser.add_argument(
            "--section", default="News", help="The section of posts with no category (default: News)."
        )

    def handle(self, *args, export, media_dir, dry_run, section, **options):
        self.live = sys.stdout.isatty()
        self.shown = -1
        try:
            report = wordpress.run(
                export, media_dir=media_dir, dry_run=dry_run, default_section=section, progress=self.progress
            )
        except wxr.NotAnExport as error:
            raise CommandError(
                f"{export} is not a WordPress export: {error}. Nothing was imported."
            ) from None
        except FileNotFoundError:
            raise CommandError(f"{export}: no such file. Nothing was imported.") from None
        if self.live:
            self.stdout.write("")
        for line in report.lines():
            self.stdout.write(line)

    def progress(self, done, total, report):
        """A bar with counts: redrawn in place on a terminal, every tenth of the way in a log."""
        share = done / total if total else 1
        tenth = int(share * 10)
        if not self.live and (tenth == self.shown and done != total):
            return
        self.shown = tenth
        bar = "#" * int(share * 30)
        line = (
            f"[{bar:<30}] {done:,}/{total:,} posts: {len(report.created):,} created, "
            f"{len(report.updated):,} updated, {len(report.skipped):,} skipped"
        )
        self.stdout.write(f"\r{line}" if self.live else line, ending="" if self.live else "\n")
        self.stdout.flush()
