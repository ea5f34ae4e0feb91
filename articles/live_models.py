"""Live coverage: the short, timestamped updates of a live story.

``articles.models`` imports this, so Django finds it there like the rest.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from newsroom.uploads import stored_name, validate_image


def live_picture_path(instance, filename):
    return stored_name("live", instance.picture, filename)


class LiveUpdate(models.Model):
    """One update of a live story, newest first; a key event is also listed at the top of the story."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="live_updates")
    published_at = models.DateTimeField("time", default=timezone.now, db_index=True)
    text = models.TextField(
        max_length=3000, help_text="What happened, in a few sentences. A blank line starts a new paragraph."
    )
    picture = models.ImageField(
        upload_to=live_picture_path,
        validators=[validate_image],
        width_field="picture_width",
        height_field="picture_height",
        blank=True,
    )
    picture_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_alt = models.CharField("picture alt text", max_length=250, blank=True)
    key_event = models.BooleanField(default=False, help_text="Also listed under “Key events” at the top.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["article", "-published_at"], name="live_update_newest_idx")]

    def __str__(self):
        return f"{timezone.localtime(self.published_at):%H:%M} {self.headline}"

    @property
    def anchor(self):
        return f"update-{self.pk}"

    @property
    def headline(self):
        """The update's first words, as its BlogPosting's headline."""
        words = " ".join(self.text.split())
        return words if len(words) <= 110 else words[:109].rsplit(" ", 1)[0] + "…"

    @property
    def paragraphs(self):
        return [" ".join(part.split()) for part in self.text.split("\n\n") if part.strip()]
