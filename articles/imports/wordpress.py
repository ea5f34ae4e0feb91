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

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from faq.models import FAQEntry
from newsroom.models import Picture
from newsroom.richtext import clean_text, clean_text_fields, html_to_text, sanitize_html
from newsroom.uploads import validate_image

from .. import audit, pipeline, publishing, redirects, revisions
from ..models import (
    CONTENT_FIELDS,
    RESERVED_SECTION_SLUGS,
    Article,
    ArticleAuthor,
    Author,
    ImportedPost,
    LegacyAddress,
    OldSlug,
    Section,
    TaggedArticle,
)
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
BATCH = 100  # posts a transaction
# What a second run rewrites of a story it made.
WRITTEN_FIELDS = [
    "headline", "slug", "standfirst", "body", "body_text", "section", "seo_title", "meta_description",
    "status", "published_at", "hero_image", "hero_width", "hero_height", "hero_alt", "hero_caption",
    "hero_credit", "hero_copyright",
    "updated_at", "content_modified_at",
]  # fmt: skip


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


@dataclass
class _Item:
    """A post read into a story, waiting to be written with its batch."""

    post: wxr.Post
    label: str
    article: Article
    known: ImportedPost | None
    before: dict | None  # what readers saw of it before this run
    was_public: bool
    old_slug: str
    authors: list
    tags: list
    questions: list  # [(question, answer HTML)] from the body's FAQ blocks
    hero_source: str | None
    hero_changed: bool
    faq: list = field(default_factory=list)  # the FAQEntry rows, once written


def run(path, *, media_dir=None, dry_run=False, user=None, default_section="News", progress=None):
    """Import the export at ``path``; a ``Report``. Raises ``wxr.NotAnExport`` before writing anything."""
    site = wxr.read_site(path)
    importer = _Importer(site, Path(media_dir) if media_dir else None, dry_run, user, default_section)
    if progress:
        progress(0, site.posts, importer.report)
    try:
        # Posts are committed a batch at a time, each post in its own savepoint, so a bad one is
        # skipped whole; a dry run holds everything in one transaction and rolls it back.
        with transaction.atomic() if dry_run else nullcontext(), pipeline.deferred():
            for batch in _batches(wxr.posts(path), BATCH):
                with transaction.atomic():
                    importer.take_batch(batch)
                if progress:
                    progress(importer.report.done, site.posts, importer.report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        return importer.report
    if importer.written:
        with transaction.atomic():
            pipeline.catch_up(importer.written, importer.touched_tags, importer.fingerprints)
    return importer.report


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer:
    def __init__(self, site, media_dir, dry_run, user, default_section):
        self.site, self.media_dir, self.dry_run, self.user = site, media_dir, dry_run, user
        self.source = site.url or "a WordPress site"
        self.default_section = default_section
        self.report = Report(dry_run=dry_run)
        self.sections, self.authors, self.tags = {}, {}, {}
        self.written, self.fingerprints, self.touched_tags = [], set(), set()
        self.known, self.taken, self.checked = {}, {}, set()
        self.by_path = {
            attachment.path: attachment for attachment in site.attachments.values() if attachment.path
        }

    def take_batch(self, batch):
        """Read a batch of posts into stories and write them together; a row that fails is found alone."""
        ids = [post.id for post in batch]
        found = ImportedPost.objects.filter(source=self.source, source_id__in=ids).select_related("article")
        self.known = {imported.source_id: imported for imported in found}
        if not self.tags:
            self.remember_tags()
        self.checked = {self.wanted_slug(post) for post in batch}
        self.taken = self.slugs_taken(self.checked)
        items = []
        for post in batch:
            label = f"#{post.id} “{html_to_text(post.title)[:60] or 'untitled'}”"
            self.report.comments += post.comments
            reason = self.skip_reason(post)
            if reason:
                self.report.skipped.append((label, reason))
                continue
            try:
                items.append(self.prepare(post, label))
            except (ValidationError, ValueError, OSError) as error:
                self.skip(label, error)
        try:
            with transaction.atomic():
                self.write(items)
        except (ValidationError, ValueError, OSError, DatabaseError):
            for item in items:  # the batch was rolled back: write its posts one by one to find the bad one
                if not item.known:
                    item.article.pk, item.article._state.adding = None, True
                try:
                    with transaction.atomic():
                        self.write([item])
                except (ValidationError, ValueError, OSError, DatabaseError) as error:
                    self.skip(item.label, error)
                    continue
                self.done([item])
        else:
            self.done(items)

    def skip(self, label, error):
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        self.report.skipped.append((label, f"could not be saved: {message}"))

    def done(self, items):
        for item in items:
            (self.report.updated if item.known else self.report.created).append(item.label)
            self.written.append(item.article.pk)
            self.fingerprints.update(entry.fingerprint for entry in item.faq)

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

    # One post, read -------------------------------------------------------------

    def prepare(self, post, label):
        """The story of ``post``, checked and ready to write (pictures are copied here)."""
        known = self.known.get(post.id)
        author = self.user if self.user and self.user.pk else None
        article = known.article if known else Article(created_by=author)
        before = {name: getattr(article, name) for name in CONTENT_FIELDS} if known else None
        was_public = known is not None and article.status == Article.Status.PUBLISHED
        old_slug = article.slug if known else ""
        body = blocks.clean(post.content)
        self.report.shortcodes.update(body.shortcodes)
        title = html_to_text(post.title)
        if len(title) > 200:
            self.report.notes.append((label, "the title was cut to 200 characters"))
        article.headline = title[:200]
        article.slug = self.free_slug(post, article, label)
        article.body = sanitize_html(self.pictures(body.html, label))
        article.body_text = html_to_text(article.body)
        article.standfirst = first_words(html_to_text(post.excerpt) or article.body_text or title, 400)
        article.section = self.section(post)
        article.seo_title, article.meta_description = self.seo(post, title, label)
        authors = self.byline(post)
        hero_before = article.hero_image.name if known else ""
        hero_source = self.hero(post, article, known, label)
        article.status, article.published_at = self.status(post, article, authors, label)
        clean_text_fields(Article, article)
        article.clean_fields(exclude=["hero_image", "section", "slug", "created_by"])
        if article.hero_image and not article.hero_alt.strip():
            raise ValidationError("A hero image needs alt text.")
        names = [name for _, name in post.tags]
        names += [
            name for slug, name in post.categories if slug not in ("uncategorized", article.section.slug)
        ]
        return _Item(
            post=post, label=label, article=article, known=known, before=before, was_public=was_public,
            old_slug=old_slug, authors=authors, tags=self.tag_names(names), questions=body.faq,
            hero_source=hero_source, hero_changed=(article.hero_image.name or "") != (hero_before or ""),
        )  # fmt: skip

    @staticmethod
    def slugs_taken(wanted):
        """slug -> the story holding it, of the ``wanted`` slugs; a published story's old slug counts."""
        taken = dict(Article.objects.filter(slug__in=wanted).values_list("slug", "pk"))
        published = Article.objects.published()
        for slug, pk in OldSlug.objects.filter(slug__in=wanted, article__in=published).values_list(
            "slug", "article"
        ):
            taken.setdefault(slug, pk)
        return taken

    # A batch, written -------------------------------------------------------------

    def write(self, items):
        """Every row of ``items`` in a few statements, doing what ``Article.save()`` and the inlines do."""
        if not items:
            return
        now = timezone.now()
        new = [item for item in items if not item.known]
        old = [item for item in items if item.known]
        for item in items:
            article = item.article
            article.updated_at = now
            if item.before is None or any(item.before[n] != getattr(article, n) for n in CONTENT_FIELDS):
                article.content_modified_at = now
        self.make_tags([name for item in items for name in item.tags])
        Article.objects.bulk_create([item.article for item in new])
        if old:
            for item in old:  # one UPDATE a row: bulk_update's CASE expressions cost more to build
                Article.objects.filter(pk=item.article.pk).update(
                    **{name: getattr(item.article, name) for name in WRITTEN_FIELDS}
                )
            stale = [item.article.pk for item in old]
            ArticleAuthor.objects.filter(article__in=stale).delete()
            links = TaggedArticle.objects.filter(content_object__in=stale)
            self.touched_tags.update(links.values_list("tag_id", flat=True))
            links.delete()
            FAQEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Article), object_id__in=stale
            ).delete()
        for item in items:
            if item.hero_changed:
                item.article.make_renditions()
        moved_away = [item for item in old if item.old_slug != item.article.slug]
        OldSlug.objects.bulk_create(
            [OldSlug(slug=item.old_slug, article=item.article) for item in moved_away],
            update_conflicts=True, unique_fields=["slug"], update_fields=["article"],
        )  # fmt: skip
        public = [item.article.slug for item in items if item.article.status == Article.Status.PUBLISHED]
        OldSlug.objects.filter(slug__in=public).delete()  # a published story takes its address back
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=item.article, author=author, position=n)
            for item in items
            for n, author in enumerate(item.authors)
        )
        links = [
            TaggedArticle(
                content_object=item.article, tag=self.tags[name.casefold()], public_from=public_from(item)
            )
            for item in items
            for name in item.tags
        ]
        TaggedArticle.objects.bulk_create(links)
        self.touched_tags.update(link.tag_id for link in links)
        for item in items:
            item.faq = self.faq_entries(item)
        FAQEntry.objects.bulk_create(entry for item in items for entry in item.faq)
        ImportedPost.objects.bulk_create(
            ImportedPost(source=self.source, source_id=item.post.id, article=item.article,
                         hero_source=item.hero_source or "")
            for item in new
        )  # fmt: skip
        moved = [
            item
            for item in old
            if item.hero_source is not None and item.hero_source != item.known.hero_source
        ]
        for item in moved:
            item.known.hero_source = item.hero_source
        ImportedPost.objects.bulk_update([item.known for item in moved], ["hero_source"])
        addresses = [
            LegacyAddress(path=path, article=item.article) for item in items for path in self.addresses(item)
        ]
        LegacyAddress.objects.bulk_create(
            addresses, update_conflicts=True, unique_fields=["path"], update_fields=["article"]
        )
        revisions.record_many(
            [(item.article, self.lists(item)) for item in items], self.user, "Imported from WordPress"
        )
        audit.record_many(
            [(item.article, audit.Action.CREATED) for item in new]
            + [(item.article, audit.Action.PUBLISHED) for item in items
               if item.article.status == Article.Status.PUBLISHED and not item.was_public],
            self.user, "imported from WordPress", by=BY,
        )  # fmt: skip

    @staticmethod
    def faq_entries(item):
        entries, seen = [], set()
        for question, answer in item.questions:
            if question.casefold() not in seen:  # one question once, as the FAQ page needs
                seen.add(question.casefold())
                entry = FAQEntry(
                    content_object=item.article, question=question, answer=answer, position=len(entries)
                )
                entries.append(entry.prepare())
        return entries

    def lists(self, item):
        return {
            "bylines": [{"author": a.pk, "name": a.name} for a in item.authors],
            "tags": sorted((self.tags[name.casefold()].name for name in item.tags), key=str.casefold),
            "faq": [{"question": e.question, "answer": e.answer} for e in item.faq],
            "pins": [],
        }

    def status(self, post, article, authors, label):
        """(status, publication time): what WordPress said, through the publishing gate when it was public."""
        wanted, when = STATUSES[post.status], _gmt(post.date_gmt)
        if post.status == "future":
            self.report.notes.append(
                (label, "scheduled in WordPress: a draft with its time, for an editor to schedule")
            )
        if wanted != Article.Status.PUBLISHED:
            return wanted, when
        refused = [] if when else ["it has no publication time"]
        if not refused:
            refused = ([] if authors else [publishing.NO_AUTHOR]) + publishing.field_refusals(article)
        if refused:
            reasons = " ".join(r for r in refused if r != publishing.STRUCTURED_DATA)
            self.report.notes.append((label, f"public in WordPress, imported as a draft: {reasons}"))
            return Article.Status.DRAFT, when
        return Article.Status.PUBLISHED, when

    @staticmethod
    def wanted_slug(post):
        wanted = slugify(unquote(post.slug)) or slugify(html_to_text(post.title)) or f"post-{post.id}"
        return wanted[:190]

    def free_slug(self, post, article, label):
        """The post's slug, or the first free one after it; the batch's own stories count as taken."""
        wanted = self.wanted_slug(post)
        slug, n = wanted, 1
        while self.taken.get(slug, article.pk) != article.pk or (
            slug not in self.checked and Article.objects.filter(slug=slug).exclude(pk=article.pk).exists()
        ):
            n += 1
            slug = f"{wanted}-{n}"
        if slug != wanted:
            self.report.notes.append(
                (label, f"the address “{wanted}” is another story's: imported as “{slug}”")
            )
        self.taken[slug] = article.pk if article.pk else object()
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

    def byline(self, post):
        logins = [post.creator] + [re.sub(r"^cap-", "", slug) or name for slug, name in post.coauthors]
        authors = []
        for login in dict.fromkeys(filter(None, logins)):
            author = self.author(login, post)
            if author not in authors:
                authors.append(author)
        return authors

    @staticmethod
    def tag_names(names):
        """``names`` cleaned as taggit's manager cleans them, each once (case aside, as taggit is set up)."""
        wanted = {}
        for name in names:
            name = clean_text(name).strip()[:100]
            if name and name.casefold() not in wanted:
                wanted[name.casefold()] = name
        return list(wanted.values())

    def remember_tags(self):
        """Every tag the site has, by name (an archive has thousands, not millions: one statement)."""
        for tag in Tag.objects.all():
            self.tags[tag.name.casefold()] = tag

    def make_tags(self, names):
        """The tags of ``names`` not made yet, in one statement, slugged as taggit and ``redirects`` would."""
        made, seen = [], set()
        for name in names:
            if name.casefold() in self.tags or name.casefold() in seen:
                continue
            seen.add(name.casefold())
            tag = Tag(name=name, slug=Tag().slugify(name)[:100])
            redirects.give_tag_an_address(instance=tag)
            made.append(tag)
        if not made:
            return
        taken = set(Tag.objects.filter(slug__in=[tag.slug for tag in made]).values_list("slug", flat=True))
        for tag in made:
            base, n = tag.slug, 1
            while tag.slug in taken:
                n += 1
                tag.slug = f"{base[:95]}_{n}"
            taken.add(tag.slug)
        for tag in Tag.objects.bulk_create(made):
            self.tags[tag.name.casefold()] = tag

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
            self.credit_picture(name, uploaded["path"])
            return match[0].replace(match["src"], default_storage.url(name))

        return IMAGE.sub(swap, html)

    def credit_picture(self, name, path):
        """Record a body picture for its credit: the one WordPress read from the file, where it did."""
        attachment = self.by_path.get(path) or self.by_path.get(SIZED.sub("", path))
        credit = (
            {"credit": attachment.credit[:120], "copyright_notice": attachment.copyright[:200]}
            if attachment
            else {}
        )
        picture, made = Picture.objects.get_or_create(name=name, defaults=credit)
        if not made and credit.get("credit") and not picture.credit:
            Picture.objects.filter(pk=picture.pk).update(**credit)

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
        if attachment.credit:  # the picture's own credit and notice, where its file carried them
            article.hero_credit = attachment.credit[:120]
            article.hero_copyright = attachment.copyright[:200]
        with found.open("rb") as source:
            validate_image(File(source))
            if not self.dry_run:
                article.hero_image.save(found.name, File(source), save=False)
        return attachment.path

    # Old addresses --------------------------------------------------------------

    @staticmethod
    def addresses(item):
        """The post's old paths that answer 301: its link, its guid when that is an address, ``/?p=<id>``."""
        post, article = item.post, item.article
        paths = {f"/?p={post.id}"}
        for url in (post.link, post.guid):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.path:
                paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
        paths.discard(f"/{article.section.slug}/{article.slug}/")
        return sorted(path[:500] for path in paths)


def public_from(item):
    """A tag link copies its story's publication time while it is published (``TaggedArticle``)."""
    article = item.article
    return article.published_at if article.status == Article.Status.PUBLISHED else None


def _gmt(value):
    """WordPress's "2024-05-03 10:00:00" (UTC) as an aware time; None for its "0000-00-00 00:00:00"."""
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
