"""How often each story is read, by the hour: what the *Most read* list ranks.

``articles.models`` imports this, so Django finds it there like the rest.
"""

from django.db import models


class ReadCount(models.Model):
    """Reads of one story in one hour, added up from every process (``articles.most_read``)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="one_count_per_story_hour")]
        indexes = [models.Index(fields=["hour"], name="read_count_hour_idx")]

    def __str__(self):
        return f"{self.reads} reads of article {self.article_id} at {self.hour:%Y-%m-%d %H}:00"
