import functools
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Func, OuterRef, Prefetch, Q, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import Tag, TaggedItemBase

from faq.models import FAQEntry
from newsroom.background import later, runs_now
from newsroom.richtext import clean_text, html_to_text, sanitize_html
from newsroom.site import link, url_lines, validate_url_lines
from newsroom.uploads import stored_name, validate_image

from . import renditions


def ask_for_renditions(instance, kind, name):
    """Make the renditions of ``instance``'s picture ``name`` now (no worker: debug, tests), or once
    the save commits, in the background (``articles.tasks.make_renditions``; ``kind``: hero, photo)."""
    if runs_now():
        instance.make_renditions()
    else:
        from .tasks import make_renditions  # tasks import these models

        later(make_renditions, kind, instance.pk, name)


def hero_upload_path(instance, filename):
    return stored_name("heroes", instance.hero_image, filename)


def author_photo_path(instance, filename):
    return stored_name("authors", instance.photo, filename)


def validate_upload_size(file):
    limit = settings.NEWSROOM_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(f"The image is larger than {limit // (1024 * 1024)} MB.")


# Top-level paths that a section slug would shadow (sections live at /<slug>/).
RESERVED_SECTION_SLUGS = {
    "admin", "author", "authors", "faq", "feeds", "media", "most-read", "read", "richtext", "search",
    "section", "sitemap", "static", "tag", "tags",
}  # fmt: skip


WORDS_PER_MINUTE = 230
# What readers see of an article; a change to any of these is an update (dateModified).
CONTENT_FIELDS = ("headline", "standfirst", "body", "hero_image", "hero_alt", "hero_caption", "hero_credit")
# The rights of the hero picture, as the page and its JSON-LD give them.
HERO_RIGHTS_FIELDS = ("hero_copyright", "hero_license", "hero_license_page")

# Saves within this time of publication are finishing touches, not updates.
UPDATE_GRACE = timedelta(minutes=10)


def validate_section_slug(value):
    if value in RESERVED_SECTION_SLUGS:
        raise ValidationError(
            "“%(value)s” is used by another part of the site; choose another slug.",
            params={"value": value},
        )


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_section_slug],
        help_text="Part of the section's address: /<slug>/. Changing it changes every article URL.",
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the section page."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site navigation; lower comes first."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    job_title = models.CharField(max_length=120, blank=True, help_text="For example “Science editor”.")
    bio = models.TextField(blank=True, help_text="A short biography, shown on the author page.")
    photo = models.ImageField(
        upload_to=author_photo_path,
        validators=[validate_upload_size, validate_image],
        blank=True,
        help_text="A head-and-shoulders picture; it is cropped to a square from the centre.",
    )
    # {"1x1": {"name", "width", "height", "sizes": [...]}}, made by articles.renditions.
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text="The staff account of this author, if they have one.",
    )
    profile_links = models.TextField(
        blank=True,
        validators=[validate_url_lines],
        help_text="The author's public profiles (personal site, social networks), one URL per line.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.bio = sanitize_html(self.bio)
        old = Author.objects.filter(pk=self.pk).values_list("photo", flat=True).first() if self.pk else None
        photo_changed = old != self.photo or (self.photo and not self.photo_renditions)
        if photo_changed:
            self.photo_renditions = {}  # the old photo's; pages show the new photo until its own exist
        super().save(*args, **kwargs)
        if photo_changed and self.photo:
            ask_for_renditions(self, "photo", self.photo.name)

    def get_absolute_url(self):
        return link("articles:author", kwargs={"slug": self.slug})

    def make_renditions(self):
        """Make and store the photo's renditions (none without a photo)."""
        self.photo_renditions = renditions.make_portrait(self.photo) if self.photo else {}
        Author.objects.filter(pk=self.pk).update(photo_renditions=self.photo_renditions)

    @property
    def profile_urls(self):
        return url_lines(self.profile_links)


class TaggedArticle(TaggedItemBase):
    """Tag links with a real foreign key, so joins are indexed and integrity holds.

    ``public_from`` copies the article's publication time while its status is
    published (NULL for drafts), so Also Read can rank through the tag index
    alone: ``public_from <= now`` is ``public_q()`` for the linked article.
    ``articles.also_read`` keeps it in step with the article.
    """

    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")
    public_from = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")]
        indexes = [
            models.Index(
                fields=["tag", "public_from", "content_object"],
                name="tag_public_postings",
                condition=Q(public_from__isnull=False),
            )
        ]


def bylines():
    """What loads articles' bylines in order, with their authors (``prefetch_related``)."""
    return Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))


def with_bylines(articles):
    """Load the bylines of ``articles`` (cards from ``for_cards``): one query for all of them."""
    prefetch_related_objects(articles, bylines())
    return articles


def public_q(prefix=""):
    """The one definition of public: published, and its time has come."""
    return Q(**{f"{prefix}status": Article.Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(public_q())

    def with_public_flag(self):
        return self.annotate(
            is_public=models.ExpressionWrapper(public_q(), output_field=models.BooleanField())
        )

    def for_cards(self):
        """Cards' fields, with their sections; newest first unless already ordered.

        Their bylines come with ``with_bylines``: one query for every card of a page.
        """
        listed = self.defer("body", "body_text", "search_vector").select_related("section")
        return listed if self.query.order_by else listed.order_by("-published_at", "-id")

    def for_listing(self):
        """Cards' fields, with their sections and bylines; newest first unless already ordered."""
        return self.for_cards().prefetch_related(bylines())

    def for_detail(self):
        return (
            self.defer("search_vector")  # search's alone: large, and nothing on the page reads it
            .select_related("section")
            .prefetch_related(
                bylines(),
                "tags",
                "faq_entries",
            )
        )

    def for_page(self):
        """The story page's article, with its section; ``load_page_parts`` brings the rest."""
        return self.defer("search_vector").select_related("section")

    def latest_per_section(self, count):
        """The ``count`` newest articles of each section, sections in navigation order.

        On PostgreSQL each section's stories come from its own short index range
        (one subquery per section, inside the one statement) rather than from
        numbering every public story of the archive.
        """
        newest_first = [F("published_at").desc(), F("id").desc()]
        in_order = ["section__position", "section__name", *newest_first]
        if connection.vendor == "postgresql":
            # The subquery keeps ``count`` per section already: nothing left to number.
            newest = self.filter(section=OuterRef("pk")).order_by(*newest_first).values("pk")[:count]
            per_section = Section.objects.annotate(
                ids=Func(ArraySubquery(newest), function="unnest", output_field=models.BigIntegerField())
            )
            return self.filter(pk__in=per_section.values("ids")).order_by(*in_order)
        return (
            self.annotate(
                section_rank=Window(RowNumber(), partition_by=F("section_id"), order_by=newest_first)
            )
            .filter(section_rank__lte=count)
            .order_by(*in_order)
        )

    def in_section(self, section):
        return self.filter(section=section)

    def tagged(self, tag):
        return self.filter(tagged_items__tag=tag)

    def tagged_newest_first(self, tag):
        """The stories tagged ``tag``, newest first, read along the tag's postings index.

        A public story's link keeps its publication time (``TaggedArticle.public_from``),
        so the tag's page N is a range of one index, however many stories the archive
        holds outside the tag.
        """
        return self.filter(tagged_items__tag=tag, tagged_items__public_from__isnull=False).order_by(
            "-tagged_items__public_from", "-id"
        )

    def by_author(self, author):
        return self.filter(bylines__author=author)


class CleanTagNames(_TaggableManager):
    """Tag names lose what XML cannot carry before they are looked up, not only when saved.

    PostgreSQL refuses a NUL in a query, so a name from a paste or an import
    is cleaned before taggit searches for it.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs):
        tags = [clean_text(tag).strip() if isinstance(tag, str) else tag for tag in tags]
        return super()._to_tag_model_instances([tag for tag in tags if tag != ""], tag_kwargs)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the article's address. Keep it short; avoid changing it once published.",
    )
    standfirst = models.TextField(
        max_length=400,
        help_text="The one or two sentences under the headline that tell the reader what the story is.",
    )
    body = models.TextField(blank=True)
    body_text = models.TextField(blank=True, editable=False)
    hero_image = models.ImageField(
        upload_to=hero_upload_path,
        validators=[validate_upload_size, validate_image],
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
        help_text="The main picture, at least 1200 px wide. Needs alt text.",
    )
    # Stored so pages and feeds never open the image file to learn its size.
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # {"16x9": {"name", "width", "height", "sizes": [...]}, "4x3": ..., "1x1": ...}: articles.renditions.
    hero_renditions = models.JSONField(default=dict, blank=True, editable=False)
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the picture for readers who cannot see it.",
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_credit = models.CharField(
        max_length=120,
        blank=True,
        help_text="Photographer or agency. Leave empty for a staff picture: the publisher's rights apply.",
    )
    hero_copyright = models.CharField(
        "hero copyright notice",
        max_length=200,
        blank=True,
        help_text="As the rights holder wants it, “© 2026 Jane Doe / Agency”. Empty: “© <credit>”.",
    )
    hero_license = models.URLField(
        "hero licence", blank=True, help_text="The page of the licence it is used under."
    )
    hero_license_page = models.URLField(
        "page to license the hero", blank=True, help_text="Where readers can license the picture."
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(Author, through="ArticleAuthor", related_name="articles")
    tags = TaggableManager(
        through=TaggedArticle,
        manager=CleanTagNames,
        blank=True,
        help_text="Comma-separated. Shared tags link articles together in “Also Read”.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        db_index=True,
        help_text="When the article goes public. A future time schedules it; "
        "left empty, publishing sets it to now.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # [{"text", "published_at"}], newest first: the story's corrections as its page shows them,
    # kept by articles.corrections so the page costs no query for them.
    corrections_record = models.JSONField(default=list, blank=True, editable=False)
    content_modified_at = models.DateTimeField(
        null=True,
        editable=False,
        help_text="When what readers see last changed (not status, tags or scheduling).",
    )
    live = models.BooleanField(
        "live coverage",
        default=False,
        help_text="A live story: editors post short updates from this page; readers get them without "
        "reloading, and lists mark the story “Live” until coverage ends.",
    )
    coverage_start = models.DateTimeField(
        null=True, blank=True, help_text="When live coverage began. Empty: the publication time."
    )
    coverage_end = models.DateTimeField(
        null=True, blank=True, help_text="When live coverage ended (or ends). Empty while it goes on."
    )
    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        help_text="Shown in search results and browser tabs instead of the headline, if set.",
    )
    meta_description = models.CharField(
        max_length=160,
        blank=True,
        help_text="Shown under the title in search results. Defaults to the standfirst.",
    )
    faq_entries = GenericRelation(FAQEntry, related_query_name="article")
    # PostgreSQL full-text vector (headline A, standfirst and tags B, body C),
    # kept by articles.search; unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The staff member who created the article.",
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_articles",
        help_text="Writers who may edit this story besides the one who created it.",
    )
    # The editor's note when the story was last sent back from review; the writer sees it.
    review_note = models.TextField(blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # Public stories newest first, ties by id: lists, feeds, sitemaps (ids from the index alone).
            models.Index(fields=["status", "-published_at", "-id"], name="article_public_order_idx"),
            # A section's newest stories in order: its pages, and the home page's section rows.
            models.Index(
                fields=["section", "status", "-published_at", "-id"], name="article_section_public_idx"
            ),
        ]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        old = Article.objects.filter(pk=self.pk).values("slug", *CONTENT_FIELDS).first() if self.pk else None
        old_slug = old["slug"] if old else None
        if old is None or any(old[name] != getattr(self, name) for name in CONTENT_FIELDS):
            self.content_modified_at = timezone.now()
        hero_changed = old is None or old["hero_image"] != self.hero_image
        if hero_changed:
            self.hero_renditions = {}  # the old picture's; pages show the new one until its own exist
        self.store_hero_size()
        super().save(*args, **kwargs)
        if hero_changed and self.hero_image:
            ask_for_renditions(self, "hero", self.hero_image.name)
        if old_slug and old_slug != self.slug:
            # The old address keeps working: it answers with a 301 to the new one.
            OldSlug.objects.update_or_create(slug=old_slug, defaults={"article": self})
        if self.status == self.Status.PUBLISHED:
            # A published story takes its address over from an old redirect; a draft
            # never does, so the redirect keeps working until it is published.
            OldSlug.objects.filter(slug=self.slug).delete()

    def get_absolute_url(self):
        return link("articles:detail", kwargs={"section": self.section.slug, "slug": self.slug})

    def store_hero_size(self):
        """Keep the hero's pixel size with the story: a page that loads a story never opens its picture.

        An uploaded picture gets its size as it is assigned; one stored by name (a file saved
        without saving the story, an import) is read here once, on save.
        """
        if self.hero_image and not (self.hero_width and self.hero_height):
            try:
                self.hero_width, self.hero_height = self.hero_image.width, self.hero_image.height
            except (OSError, ValueError):
                self.hero_width = self.hero_height = None  # unreadable: the checks say so

    def make_renditions(self):
        """Make and store the hero image's renditions (none without a hero image)."""
        self.hero_renditions = renditions.make(self.hero_image) if self.hero_image else {}
        Article.objects.filter(pk=self.pk).update(hero_renditions=self.hero_renditions)

    @property
    def hero_original(self):
        """(url, width, height) of the hero picture while its renditions are being made, else None."""
        return renditions.pending_original(
            self.hero_image.name, self.hero_renditions, self.hero_width, self.hero_height
        )

    def breadcrumbs(self):
        """The visible trail, as (name, path) pairs: Home > Section > Article."""
        return [
            ("Home", link("articles:home")),
            (self.section.name, self.section.get_absolute_url()),
            (self.headline, self.get_absolute_url()),
        ]

    @property
    def description(self):
        return self.meta_description or self.standfirst

    @property
    def title_for_page(self):
        return self.seo_title or self.headline

    @property
    def ordered_authors(self):
        parts = self.__dict__.get("page_parts")
        return parts["authors"] if parts else [byline.author for byline in self.bylines.all()]

    @property
    def tag_list(self):
        parts = self.__dict__.get("page_parts")
        return parts["tags"] if parts else list(self.tags.all())

    @property
    def faq_list(self):
        """The FAQ entries, in their order."""
        parts = self.__dict__.get("page_parts")
        return parts["faq"] if parts else list(self.faq_entries.all())

    @property
    def reading_minutes(self):
        return max(1, round(len(self.body_text.split()) / WORDS_PER_MINUTE))

    @property
    def modified_at(self):
        """When the content last changed, never before publication."""
        changed = self.content_modified_at or self.updated_at
        return max(changed, self.published_at) if self.published_at else changed

    @property
    def corrections_shown(self):
        """The corrections on the page, newest first: [{"text", "published_at" (a datetime)}]."""
        return [
            {"text": item["text"], "published_at": parse_datetime(item["published_at"])}
            for item in self.corrections_record
        ]

    @property
    def was_updated(self):
        """True when the content changed well after the article went public."""
        return bool(self.published_at) and self.modified_at - self.published_at > UPDATE_GRACE

    @property
    def is_live_now(self):
        """A live story whose coverage has not ended."""
        return self.live and (self.coverage_end is None or self.coverage_end > timezone.now())

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "A hero image needs alt text for readers who cannot see it."})
        redirected = (
            OldSlug.objects.filter(slug=self.slug, article__in=Article.objects.published())
            .exclude(article=self.pk)
            .select_related("article")
            .first()
        )
        if redirected and self.status != self.Status.PUBLISHED:
            raise ValidationError(
                {
                    "slug": "This address still leads readers to the published story "
                    f"“{redirected.article}”. Choose another slug; an editor can give this one to a story "
                    "when publishing it."
                }
            )


def load_page_parts(article):
    """Give ``article`` (from ``for_page``) its authors in byline order, its tags and its FAQ entries.

    Three statements written once (``_page_parts_sql``): the ORM would build each anew on
    every request, at three times what the database takes to run it, and a story page's
    miss is read by every reader after an edit. ``ordered_authors``, ``tag_list`` and
    ``faq_list`` answer from them.
    """
    authors, tags, faq = _page_parts_sql()
    story = ContentType.objects.get_for_model(Article).pk
    article.page_parts = {
        "authors": list(Author.objects.raw(authors, [article.pk])),
        "tags": list(Tag.objects.raw(tags, [article.pk])),
        "faq": list(FAQEntry.objects.raw(faq, [story, article.pk])),
    }
    return article


@functools.cache
def _page_parts_sql():
    """(authors, tags, FAQ entries) of one story, as SQL on the models' own tables and columns."""

    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    def column(model, field):
        return f"{table(model)}.{connection.ops.quote_name(model._meta.get_field(field).column)}"

    authors = (
        f"SELECT {table(Author)}.* FROM {table(ArticleAuthor)}"
        f" JOIN {table(Author)} ON {column(Author, 'id')} = {column(ArticleAuthor, 'author')}"
        f" WHERE {column(ArticleAuthor, 'article')} = %s"
        f" ORDER BY {column(ArticleAuthor, 'position')}, {column(ArticleAuthor, 'id')}"
    )
    tags = (
        f"SELECT {table(Tag)}.* FROM {table(TaggedArticle)}"
        f" JOIN {table(Tag)} ON {column(Tag, 'id')} = {column(TaggedArticle, 'tag')}"
        f" WHERE {column(TaggedArticle, 'content_object')} = %s ORDER BY {column(Tag, 'id')}"
    )
    faq = (
        f"SELECT * FROM {table(FAQEntry)}"
        f" WHERE {column(FAQEntry, 'content_type')} = %s AND {column(FAQEntry, 'object_id')} = %s"
        f" ORDER BY {column(FAQEntry, 'position')}, {column(FAQEntry, 'id')}"
    )
    return authors, tags, faq


class OldSlug(models.Model):
    """A slug an article had before; its old URL redirects to the current one."""

    slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.slug} -> {self.article.slug}"


class OldTagSlug(models.Model):
    """A slug a tag had before it was renamed; its old tag page redirects."""

    slug = models.SlugField(max_length=100, unique=True)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="old_slugs")

    def __str__(self):
        return f"{self.slug} -> {self.tag.slug}"


class AlsoReadPin(models.Model):
    """An article an editor puts at the top of another article's Also Read."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pins")
    pinned = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Shown first, in order of position, once it is published.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "pinned Also Read article"
        constraints = [
            models.UniqueConstraint(fields=["article", "pinned"], name="unique_also_read_pin"),
            models.CheckConstraint(condition=~Q(article=models.F("pinned")), name="also_read_pin_not_itself"),
        ]

    def __str__(self):
        return f"{self.pinned} pinned on {self.article}"


class TagUsage(models.Model):
    """How many public articles carry a tag: the rarity behind Also Read's weights.

    Kept current by ``articles.also_read`` whenever an article's tags or
    publication change; ``manage.py also_read_refresh`` recounts everything.
    """

    tag = models.OneToOneField(Tag, on_delete=models.CASCADE, primary_key=True, related_name="usage")
    public_articles = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.tag}: {self.public_articles}"


class ArticleAuthor(models.Model):
    """One byline on an article; ``position`` orders the names."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")]
        # An author's stories from one index (their page; whether they have a public one, for the sitemap).
        indexes = [models.Index(fields=["author", "article"], name="byline_author_article_idx")]

    def __str__(self):
        return f"{self.author} on {self.article}"


# The desk's records live in their own module; imported here so Django finds them with the rest.
from .desk_models import AuditEntry, Correction, EditingPresence, PendingChange, RevisionContent  # noqa: E402, F401
from .import_models import ImportedPost, LegacyAddress, WordPressImport  # noqa: E402, F401
from .live_models import LiveUpdate  # noqa: E402, F401
from .reading_models import ReadCount  # noqa: E402, F401
