from django.db import models

from .site import url_lines, validate_url_lines
from .uploads import stored_name, validate_image


def logo_upload_path(instance, filename):
    return stored_name("publisher", instance.logo, filename)


class Publisher(models.Model):
    """Who publishes the site, as search engines read it (the JSON-LD Organization).

    One record, edited by staff in the admin; without one, the site's name and
    the logo in static/ stand in.
    """

    name = models.CharField(max_length=120, help_text="The publication's name, as readers know it.")
    logo = models.ImageField(
        upload_to=logo_upload_path,
        validators=[validate_image],
        width_field="logo_width",
        height_field="logo_height",
        blank=True,
        help_text="A wide logo on a plain background, at most 600 x 60 px reads best in search results.",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    same_as = models.TextField(
        "profiles",
        blank=True,
        validators=[validate_url_lines],
        help_text="The publication's pages elsewhere (social networks, Wikipedia), one URL per line.",
    )

    # The policies a news organization publishes (schema.org NewsMediaOrganization).
    corrections_policy = models.URLField(blank=True, help_text="The page that says how you correct errors.")
    ethics_policy = models.URLField(blank=True, help_text="Your code of ethics.")
    masthead = models.URLField(blank=True, help_text="Who runs the newsroom: editors and owners.")
    publishing_principles = models.URLField(blank=True, help_text="How you choose and report stories.")

    class Meta:
        verbose_name = "publisher identity"
        verbose_name_plural = "publisher identity"

    def __str__(self):
        return self.name

    @property
    def profile_urls(self):
        return url_lines(self.same_as)


class PendingPurge(models.Model):
    """A CDN purge that failed; ``manage.py purge_cdn`` sends it again."""

    purger = models.CharField(max_length=40)
    tags = models.JSONField()
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.purger}: {len(self.tags)} tags, {self.attempts} attempts"
