from django.db import models
from django_tasks_db.models import DBTaskResult

from .site import url_lines, validate_url_lines
from .uploads import stored_name, validate_image


def logo_upload_path(instance, filename):
    return stored_name("publisher", instance.logo, filename)


def card_upload_path(instance, filename):
    return stored_name("publisher", instance.card_image, filename)


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

    # The picture shared when a page has none of its own (social networks read og:image).
    card_image = models.ImageField(
        "share card",
        upload_to=card_upload_path,
        validators=[validate_image],
        width_field="card_width",
        height_field="card_height",
        blank=True,
        help_text="Shown when a page without a picture is shared: 1200 x 630 px reads best. "
        "Without one, a card is made from the name and the logo.",
    )
    card_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    card_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    card_alt = models.CharField(
        "share card alt text", max_length=250, blank=True, help_text="What the share card shows, in words."
    )

    # Rights of staff pictures: a picture with no credit of its own is the newsroom's.
    picture_copyright = models.CharField(
        max_length=200,
        blank=True,
        help_text="The copyright notice of staff pictures, as “© 2026 The Newsroom Times”. "
        "Empty: “© <name>”.",
    )
    picture_license = models.URLField(
        "picture licence",
        blank=True,
        help_text="The page with the licence your pictures are published under.",
    )
    picture_license_page = models.URLField(
        "page to license pictures",
        blank=True,
        help_text="Where someone can license your pictures (a syndication page, a contact form).",
    )

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


class Picture(models.Model):
    """A picture uploaded into a body through the editor, with its credit and rights.

    Staff edit them under *Pictures* (the article's admin page links the ones
    its body shows); a picture without a credit is staff work and takes the
    publisher's rights, as a hero does.
    """

    name = models.CharField(
        max_length=300, unique=True, editable=False, help_text="Its file in the media storage."
    )
    credit = models.CharField(
        max_length=120, blank=True, help_text="Photographer or agency. Leave empty for a staff picture."
    )
    copyright_notice = models.CharField(
        max_length=200, blank=True, help_text="As the rights holder wants it. Empty: “© <credit>”."
    )
    license = models.URLField("licence", blank=True, help_text="The page of the licence it is used under.")
    license_page = models.URLField(
        "page to license it", blank=True, help_text="Where readers can license it."
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.name.rsplit("/", 1)[-1]


class FailedWork(DBTaskResult):
    """Background work that failed (``newsroom.background``), as the admin lists it."""

    class Meta:
        proxy = True
        verbose_name = "failed work"
        verbose_name_plural = "failed work"
