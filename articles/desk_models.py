"""The desk's records around a story: corrections, the audit log, revisions, proposed changes, who is editing.

``articles.models`` imports these, so Django finds them there like the rest.
"""

from django.conf import settings
from django.db import models
from django.utils import formats, timezone


class Correction(models.Model):
    """A correction an editor publishes on a story: on its page, in its JSON-LD, on the corrections page."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(
        max_length=1000, help_text="What was wrong and what is right now, in a sentence or two, for readers."
    )
    published_at = models.DateTimeField("time", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["-published_at"], name="correction_newest_idx")]

    def __str__(self):
        return formats.date_format(timezone.localtime(self.published_at), "j F Y, H:i")


class AuditEntry(models.Model):
    """Who did what to which story, when: written by the admin, read by editors, changed by nobody."""

    class Action(models.TextChoices):
        CREATED = "created", "created"
        SUBMITTED = "submitted", "submitted for review"
        SENT_BACK = "sent_back", "sent back"
        APPROVED = "approved", "approved"
        PUBLISHED = "published", "published"
        SCHEDULED = "scheduled", "scheduled"
        UNPUBLISHED = "unpublished", "unpublished"
        CORRECTED = "corrected", "corrected"
        RESTORED = "restored", "restored a revision"
        DELETED = "deleted", "deleted"

    article = models.ForeignKey(
        "articles.Article", null=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    headline = models.CharField(
        max_length=300, help_text="The story's headline then (it outlives a deletion)."
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, help_text="Who, by name (it outlives the account).")
    at = models.DateTimeField("time", default=timezone.now, db_index=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["article", "-at"], name="audit_article_idx")]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} “{self.headline}”"


class RevisionContent(models.Model):
    """The lists a revision of a story holds beside its own fields (which django-reversion keeps).

    ``lists``: {"bylines": [{"author", "name"}], "tags": [names], "faq": [{"question",
    "answer"}], "pins": [{"article", "headline"}]}, each in the order readers see it.
    One row per revision, found through the story's index, so a story's history
    costs the same at 50 revisions of 100,000 stories as at one.
    """

    revision = models.OneToOneField("reversion.Revision", on_delete=models.CASCADE, related_name="content")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="revision_contents"
    )
    lists = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["article", "-revision"], name="revision_article_idx")]

    def __str__(self):
        return f"revision {self.revision_id} of article {self.article_id}"


class PendingChange(models.Model):
    """A writer's change to a public story, waiting for an editor while the live story stays as it was."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="pending_changes")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    # The story as the writer saved it, in the form revisions.state_of() gives.
    state = models.JSONField()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "proposed_by"], name="one_pending_change_per_writer")
        ]

    def __str__(self):
        return f"changes to article {self.article_id} proposed by {self.proposer}"

    @property
    def proposer(self):
        """Who proposed it, by name (the account may be gone)."""
        return self.proposed_by.get_username() if self.proposed_by else "a former writer"


class EditingPresence(models.Model):
    """Someone has a story open in the admin: renewed by the edit page's heartbeat, gone when it stops."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="one_presence_per_editor")]

    def __str__(self):
        return f"{self.user} on article {self.article_id}"
