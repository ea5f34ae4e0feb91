import hashlib

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import slugify

from newsroom.richtext import html_to_text, sanitize_html
from newsroom.site import link


def fingerprint(question, answer):
    """Equal for the same question and answer, whatever the spacing, case or markup."""
    text = f"{question}\n{html_to_text(answer)}".casefold()
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


class FAQEntry(models.Model):
    """One question and its answer, attached to any page-like object.

    ``position`` orders the entries; the visible FAQ section and the FAQPage
    JSON-LD both iterate the same ordered entries.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    question = models.CharField(max_length=300, help_text="As a reader would ask it, ending with “?”.")
    answer = models.TextField(help_text="A complete answer in a few sentences; links and lists are fine.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    # The same question and answer on several pages is marked up on one only:
    # ``fingerprint`` finds the copies, ``marked_up`` says whether this copy is it
    # (kept by articles.faq_markup, which knows the pages' publication times).
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True, default="")
    marked_up = models.BooleanField(default=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        indexes = [models.Index(fields=["content_type", "object_id", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "question"], name="unique_question_per_page"
            )
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    def prepare(self):
        """Tidy the question, clean the answer, take their fingerprint (save does; bulk writers call it)."""
        self.question = " ".join(self.question.split())
        self.answer = sanitize_html(self.answer)
        self.fingerprint = fingerprint(self.question, self.answer)
        return self

    @property
    def anchor(self):
        """The id of the visible question, and the end of its JSON-LD @id: stable while the text is."""
        return f"faq-{slugify(self.question)[:60] or self.pk}"


class FAQPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class FAQPage(models.Model):
    """A standalone page of questions and answers, at /faq/<slug>/."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    intro = models.TextField(blank=True, help_text="Shown above the questions.")
    is_published = models.BooleanField(
        "published", default=False, help_text="Only published pages are visible to readers."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    faq_entries = GenericRelation(FAQEntry, related_query_name="faq_page")

    objects = FAQPageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = "FAQ page"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.intro = sanitize_html(self.intro)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("faq:detail", kwargs={"slug": self.slug})
