"""What imports remember: where each imported story came from, and the addresses it had there.

``articles.models`` imports these, so Django finds them there like the rest.
"""

from django.conf import settings
from django.db import models


class ImportedPost(models.Model):
    """A story brought in from another system: running the import again updates it, never duplicates it."""

    source = models.CharField(max_length=300, help_text="The exporting site, as its export names it.")
    source_id = models.CharField(max_length=40, help_text="The post's id on that site.")
    article = models.OneToOneField("articles.Article", on_delete=models.CASCADE, related_name="imported_from")
    # The hero picture's file in the export's media, so a second run does not copy it again.
    hero_source = models.CharField(max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_story_per_source_post")
        ]

    def __str__(self):
        return f"{self.source} #{self.source_id}"


class LegacyAddress(models.Model):
    """An address a story had on the old site (path, and ``?p=<id>`` for WordPress): it answers 301."""

    path = models.CharField(
        max_length=500, unique=True, help_text="Path and query, as “/2024/05/slug/” or “/?p=12”."
    )
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="legacy_addresses")

    def __str__(self):
        return f"{self.path} -> {self.article_id}"


class WordPressImport(models.Model):
    """A WordPress export sent through the admin: imported by a worker, its report kept for the editor."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    # The export itself, until the import is done (every app server and worker reads the same).
    export = models.BinaryField(editable=False)
    default_section = models.CharField(max_length=80)
    dry_run = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    report = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"WordPress import {self.pk} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
