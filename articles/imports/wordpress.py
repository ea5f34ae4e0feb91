"""A WordPress export into stories: authors, sections, tags, posts, pictures, FAQ, SEO fields, old addresses.

The mapping (the README has it as a table):

- a post's section is the top-level category above its first category (Sport >
  Football > Premier League gives Sport); its other categories, and the nested
  ones under the top level, become tags, so nothing is lost; a post with no
  category, or only WordPress's *Uncategorized*, goes to the default section;
- status: ``publish`` is published at its GMT time, if the publishing gate
  passes it (else a draft, with the reasons in the report); ``pending`` is in
  review; ``draft``, ``private`` and ``future`` are drafts (``future`` keeps its
  time for an editor to schedule); ``trash``, ``auto-draft`` and ``inherit`` are
  skipped. Nothing that was not public becomes public;
- the byline is the post's author, then its Co-Authors Plus co-authors; authors
  keep their display name and login (as the slug), never their e-mail;
- the excerpt is the standfirst (else the start of the first paragraph); Yoast's
  or Rank Math's SEO title and meta description fill the SEO fields;
- the featured image (``_thumbnail_id``) is the hero, with the attachment's alt
  text and caption; body pictures under ``wp-content/uploads/`` are copied when
  their file is in the media folder, and left out (listed) when not;
- the post's link, its guid when that is an address, and ``/?p=<id>`` answer 301.

Each post is written in its own transaction: one bad post is skipped with its
reason and the rest go on. A second run updates the stories it made (keyed by
the export's site and post id) and never duplicates them.
"""

import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from newsroom.richtext import html_to_text
from newsroom.uploads import validate_image

from .. import audit, publishing, revisions
from ..models import (
    RESERVED_SECTION_SLUGS,
    Article,
    ArticleAuthor,
    Author,
    ImportedPost,
    LegacyAddress,
    Section,
)  # fmt: skip
from . import blocks, wxr
from .text import first_words

BY = "WordPress import"
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "pending": Article.Status.REVIEW,
    "draft": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
    "future": Article.Status.DRAFT,
}
SKIPPED_STATUSES = {"trash": "in the trash", "auto-draft": "an unsaved auto-draft", "inherit": "a revision"}
UPLOADS = re.compile(r"/wp-content/uploads/(?P<path>[^?#\"']+)")
IMAGE = re.compile(r"<img\b[^>]*?\bsrc=[\"'](?P<src>[^\"']+)[\"'][^>]*>", re.I)
SIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")  # photo-1024x683.jpg, a size WordPress made of photo.jpg
YOAST_VARIABLE = re.compile(r"%%?[a-z_]+%%?")


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # [(post, reason)]
    notes: list = field(default_factory=list)  # [(post, what was changed on the way in)]
    missing_media: list = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    comments: int = 0
    dry_run: bool = False

    @property
    def done(self):
        return len(self.created) + len(self.updated) + len(self.skipped)

    def lines(self):
        counts = (
            f"created: {len(self.created)}, updated: {len(self.updated)}, skipped: {len(self.skipped)}, "
            f"missing media: {len(self.missing_media)}"
        )
        found = [f"Dry run, nothing saved. It would have {counts}." if self.dry_run else f"Done: {counts}."]
        found += [f"  skipped {post}: {reason}" for post, reason in self.skipped]
        found += [f"  note on {post}: {note}" for post, note in self.notes]
        found += [f"  missing media: {item}" for item in self.missing_media]
        if self.shortcodes:
            listed = ", ".join(f"[{name}] x{count}" for name, count in sorted(self.shortcodes.items()))
            found.append(f"Shortcodes taken out of bodies: {listed}")
        if self.comments:
            found.append(f"Comments not imported (Newsroom has none): {self.comments}")
        return found


class _DryRun(Exception):
    pass


def run(path, *, media_dir=None, dry_run=False, user=None, default_section="News", progress=None):
    """Import the export at ``path``; a ``Report``. Raises ``wxr.NotAnExport`` before writing anything."""
    site = wxr.read_site(path)
    importer = _Importer(site, Path(media_dir) if media_dir else None, dry_run, user, default_section)
    if progress:
        progress(0, site.posts, importer.report)
    try:
        # Each post is its own transaction; a dry run holds them all in one, rolled back at the end.
        with transaction.atomic() if dry_run else nullcontext():
            for post in wxr.posts(path):
                importer.take(post)
                if progress:
                    progress(importer.report.done, site.posts, importer.report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return importer.report


class _Importer:
    def __init__(self, site, media_dir, dry_run, user, default_section):
        self.site, self.media_dir, self.dry_run, self.user = site, media_dir, dry_run, user
        self.source = site.url or "a WordPress site"
        self.default_section = default_section
        self.report = Report(dry_run=dry_run)
        self.sections, self.authors = {}, {}

    def take(self, post):
        label = f"#{post.id} “{html_to_text(post.title)[:60] or 'untitled'}”"
        self.report.comments += post.comments
        reason = self.skip_reason(post)
        if reason:
            self.report.skipped.append((label, reason))
            return
        try:
            with transaction.atomic():
                created = self.write(post, label)
        except (ValidationError, ValueError, OSError, DatabaseError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.report.skipped.append((label, f"could not be saved: {message}"))
            return
        (self.report.created if created else self.report.updated).append(label)

    @staticmethod
    def skip_reason(post):
        if post.type != "post":
            return f"a {post.type}, not a post"
        if post.status in SKIPPED_STATUSES:
            return SKIPPED_STATUSES[post.status]
        if post.status not in STATUSES:
            return f"an unknown status “{post.status}”"
        if not html_to_text(post.title):
            return "it has no title"
        return ""

    # One post -----------------------------------------------------------------

    def write(self, post, label):
        known = (
            ImportedPost.objects.filter(source=self.source, source_id=post.id)
            .select_related("article")
            .first()
        )
        article = (
            known.article if known else Article(created_by=self.user if self.user and self.user.pk else None)
        )
        body = blocks.clean(post.content)
        self.report.shortcodes.update(body.shortcodes)
        title = html_to_text(post.title)
        if len(title) > 200:
            self.report.notes.append((label, "the title was cut to 200 characters"))
        article.headline = title[:200]
        article.slug = self.free_slug(post, article, label)
        article.body = self.pictures(body.html, label)
        article.standfirst = first_words(
            html_to_text(post.excerpt) or html_to_text(article.body) or title, 400
        )
        article.section = self.section(post)
        article.seo_title, article.meta_description = self.seo(post, title, label)
        wanted, when = STATUSES[post.status], _gmt(post.date_gmt)
        was_public = article.pk is not None and article.status == Article.Status.PUBLISHED
        article.status = Article.Status.DRAFT if wanted == Article.Status.PUBLISHED else wanted
        article.published_at = when
        hero_source = self.hero(post, article, known, label)
        article.full_clean(exclude=["hero_image", "section", "slug"])
        article.save()
        if not known:
            audit.record(self.user, article, audit.Action.CREATED, "imported from WordPress", by=BY)
        self.lists(post, article, body)
        if wanted == Article.Status.PUBLISHED:
            self.publish(article, when, label, was_public)
        if post.status == "future":
            self.report.notes.append(
                (label, "scheduled in WordPress: a draft with its time, for an editor to schedule")
            )
        noted = {"article": article} | ({"hero_source": hero_source} if hero_source is not None else {})
        ImportedPost.objects.update_or_create(source=self.source, source_id=post.id, defaults=noted)
        self.addresses(post, article)
        revisions.record(article, self.user, "Imported from WordPress")
        return known is None

    def publish(self, article, when, label, was_public):
        refused = [] if when else ["it has no publication time"]
        refused += publishing.refusals(article) if not refused else []
        if refused:
            reasons = " ".join(r for r in refused if r != publishing.STRUCTURED_DATA)
            self.report.notes.append((label, f"public in WordPress, imported as a draft: {reasons}"))
            return
        article.status = Article.Status.PUBLISHED
        article.save()
        if not was_public:
            audit.record(self.user, article, audit.Action.PUBLISHED, "imported from WordPress", by=BY)

    def free_slug(self, post, article, label):
        wanted = slugify(unquote(post.slug)) or slugify(html_to_text(post.title)) or f"post-{post.id}"
        wanted = wanted[:190]
        slug, n = wanted, 1
        while Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
            n += 1
            slug = f"{wanted}-{n}"
        if slug != wanted:
            self.report.notes.append(
                (label, f"the address “{wanted}” is another story's: imported as “{slug}”")
            )
        return slug

    def section(self, post):
        first = next((slug for slug, _ in post.categories if slug and slug != "uncategorized"), None)
        top = self.top_category(first) if first else None
        if top is None:
            key, name = slugify(self.default_section), self.default_section
        else:
            key, name = top.slug, top.name
        if key not in self.sections:
            self.sections[key] = self.section_named(key, name)
        return self.sections[key]

    def top_category(self, slug):
        seen = set()
        category = self.site.categories.get(slug) or wxr.Category(slug=slug, name=slug, parent="")
        while category.parent and category.parent in self.site.categories and category.slug not in seen:
            seen.add(category.slug)
            category = self.site.categories[category.parent]
        return category

    @staticmethod
    def section_named(slug, name):
        slug = slugify(slug)[:70] or "news"
        if slug in RESERVED_SECTION_SLUGS:
            slug = f"{slug}-news"
        found = Section.objects.filter(slug=slug).first() or Section.objects.filter(name=name[:80]).first()
        return found or Section.objects.create(slug=slug, name=name[:80])

    def lists(self, post, article, body):
        logins = [post.creator] + [re.sub(r"^cap-", "", slug) or name for slug, name in post.coauthors]
        authors = []
        for login in dict.fromkeys(filter(None, logins)):
            author = self.author(login, post)
            if author not in authors:
                authors.append(author)
        article.bylines.all().delete()
        for position, author in enumerate(authors):
            ArticleAuthor.objects.create(article=article, author=author, position=position)
        section_slug = article.section.slug
        names = [name for _, name in post.tags]
        names += [
            name for slug, name in post.categories if slug not in ("uncategorized", section_slug) and name
        ]
        article.tags.set(list(dict.fromkeys(name[:100] for name in names if name.strip())))
        article.faq_entries.all().delete()
        seen = set()
        for position, (question, answer) in enumerate(body.faq):
            if question.casefold() not in seen:  # one question once, as the FAQ page needs
                seen.add(question.casefold())
                article.faq_entries.create(question=question, answer=answer, position=position)

    def author(self, login, post):
        if login not in self.authors:
            known = self.site.authors.get(login)
            name = (
                known.name
                if known
                else next((n for s, n in post.coauthors if s in (login, f"cap-{login}")), login)
            )
            slug = slugify(login)[:120] or slugify(name)[:120] or "author"
            self.authors[login] = Author.objects.get_or_create(slug=slug, defaults={"name": name[:120]})[0]
        return self.authors[login]

    def seo(self, post, title, label):
        meta = post.meta
        raw_title = meta.get("_yoast_wpseo_title") or meta.get("rank_math_title") or ""
        raw_description = meta.get("_yoast_wpseo_metadesc") or meta.get("rank_math_description") or ""

        def resolve(text):
            text = re.sub(r"%%?title%%?", title, text)
            text = YOAST_VARIABLE.sub("", text)
            return re.sub(r"\s+", " ", text).strip(" -|–—·:")

        seo_title, description = resolve(raw_title), resolve(raw_description)
        if len(seo_title) > 70:
            self.report.notes.append((label, "the SEO title is over 70 characters: left out"))
            seo_title = ""
        if len(description) > 160:
            self.report.notes.append((label, "the meta description was cut to 160 characters"))
            description = first_words(description, 160)
        return seo_title, description

    # Pictures -----------------------------------------------------------------

    def media_file(self, path):
        """The export's file at uploads ``path`` (or the original a resized copy was made from), or None."""
        if not self.media_dir or not path:
            return None
        for candidate in (path, SIZED.sub("", path)):
            found = (self.media_dir / unquote(candidate)).resolve()
            if found.is_file() and self.media_dir.resolve() in found.parents:
                return found
        return None

    def pictures(self, html, label):
        def swap(match):
            uploaded = UPLOADS.search(match["src"])
            if not uploaded:
                return match[0]
            found = self.media_file(uploaded["path"])
            if found is None:
                self.report.missing_media.append(f"{label}: {uploaded['path']} (in the body)")
                return ""
            name = f"imported/{uploaded['path']}"
            with found.open("rb") as source:
                validate_image(File(source))  # a dry run checks the pictures too
                if not self.dry_run and not default_storage.exists(name):
                    name = default_storage.save(name, File(source))
            return match[0].replace(match["src"], default_storage.url(name))

        return IMAGE.sub(swap, html)

    def hero(self, post, article, known, label):
        """Attach the featured image; the source path noted (None: nothing to note)."""
        attachment = self.site.attachments.get(post.meta.get("_thumbnail_id", "").strip())
        if attachment is None:
            return None
        if known and known.hero_source == attachment.path and article.hero_image:
            return attachment.path
        found = self.media_file(attachment.path)
        if found is None:
            self.report.missing_media.append(
                f"{label}: {attachment.path or attachment.url} (its featured image)"
            )
            return None
        article.hero_alt = (
            html_to_text(attachment.alt)[:250]
            or html_to_text(attachment.caption)[:250]
            or article.headline[:250]
        )
        article.hero_caption = html_to_text(attachment.caption)[:300]
        with found.open("rb") as source:
            validate_image(File(source))
            if not self.dry_run:
                article.hero_image.save(found.name, File(source), save=False)
        return attachment.path

    # Old addresses --------------------------------------------------------------

    def addresses(self, post, article):
        paths = {f"/?p={post.id}"}
        for url in (post.link, post.guid):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.path:
                paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
        paths.discard(article.get_absolute_url())
        for path in paths:
            LegacyAddress.objects.update_or_create(path=path[:500], defaults={"article": article})


def _gmt(value):
    """WordPress's "2024-05-03 10:00:00" (UTC) as an aware time; None for its "0000-00-00 00:00:00"."""
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
