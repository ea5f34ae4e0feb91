"""The dependency tags of articles, sections, authors and tags, and which tags each write drops.

Object tags name one thing, on every page that shows it: ``article-<id>``,
``section-<id>``, ``author-<id>``, ``tag-<id>``. List tags name the
membership of a list, on every page that shows that list: ``list-all`` (the
home page, site feeds), ``list-section-<id>``, ``list-tag-<id>``,
``list-author-<id>``. ``also-read-<id>`` is one story's Also Read list,
dropped when a newcomer would enter it (``articles.also_read``). ``nav`` is
the section navigation on every page and ``sitemaps`` every sitemap.

An edit of a public article drops its object tag: its own page and every
list, feed and Also Read that shows it. Publishing, unpublishing, deleting,
moving it in time or to another section, retagging and a new byline also
drop the lists it joins or leaves. Takedowns (unpublishing, deleting, moving
a story back to the future) are dropped like every write: on every process
and at the CDN before the editor's save returns.
"""

from django.utils import timezone
from taggit.models import Tag

from newsroom.dependencies import (
    SITEMAPS,
    depends_on,
    drop,
    expires_at,
    invalidate,
    register_tag,
    schedule_changed,
)

from .models import Article, ArticleAuthor, Author, Section, TaggedArticle
from .signals import came_public

ALL = "list-all"
NAV = "nav"


def article_tag(pk):
    return f"article-{pk}"


def section_tag(pk):
    return f"section-{pk}"


def author_tag(pk):
    return f"author-{pk}"


def tag_tag(pk):
    return f"tag-{pk}"


# Every Also Read list: dropped when the record of scheduled times was lost.
ALSO_READ = "also-read"


def also_read_tag(pk):
    """The Also Read list of article ``pk``: dropped when a newcomer may enter it (articles.also_read)."""
    return f"also-read-{pk}"


def section_list(pk):
    return f"list-section-{pk}"


def tag_list(pk):
    return f"list-tag-{pk}"


def author_list(pk):
    return f"list-author-{pk}"


register_tag(Article, article_tag)
register_tag(Section, section_tag)
register_tag(Author, author_tag)
register_tag(Tag, tag_tag)


# What pages show -------------------------------------------------------------


def shows_card(article):
    """A page shows ``article`` as a card: headline, section, byline (bylines prefetched)."""
    depends_on(
        article_tag(article.pk),
        section_tag(article.section_id),
        *(author_tag(author.pk) for author in article.ordered_authors),
    )
    if article.is_live_now and article.coverage_end:
        expires_at(article.coverage_end)  # its "Live" mark goes when coverage ends


def shows_article(article):
    """A page shows ``article`` whole: its card, and its tags (prefetched)."""
    shows_card(article)
    depends_on(*(tag_tag(tag.pk) for tag in article.tag_list))


# What writes drop --------------------------------------------------------------


def _is_public(status, published_at, now):
    return status == Article.Status.PUBLISHED and published_at is not None and published_at <= now


def _is_scheduled(status, published_at, now):
    return status == Article.Status.PUBLISHED and published_at is not None and published_at > now


def membership(article_id, section_ids):
    """The lists an article is in: everything's, its sections' (old and new), its tags' and authors'."""
    tag_ids = TaggedArticle.objects.filter(content_object_id=article_id).values_list("tag_id", flat=True)
    author_ids = ArticleAuthor.objects.filter(article_id=article_id).values_list("author_id", flat=True)
    return {
        ALL,
        SITEMAPS,
        *(section_list(pk) for pk in section_ids if pk),
        *(tag_list(pk) for pk in tag_ids),
        *(author_list(pk) for pk in author_ids),
    }


def remember_state_before_save(instance, **kwargs):
    instance._cache_before = (
        Article.objects.filter(pk=instance.pk).values("status", "published_at", "section_id").first()
        if instance.pk
        else None
    )


def drop_after_save(instance, **kwargs):
    now = timezone.now()
    before = getattr(instance, "_cache_before", None) or {
        "status": Article.Status.DRAFT,
        "published_at": None,
        "section_id": instance.section_id,
    }
    was_public = _is_public(before["status"], before["published_at"], now)
    is_public = _is_public(instance.status, instance.published_at, now)
    tags = {article_tag(instance.pk)}
    if is_public:
        tags.add(SITEMAPS)
    moved = before["section_id"] != instance.section_id or before["published_at"] != instance.published_at
    if was_public != is_public or (is_public and moved):
        tags |= membership(instance.pk, {before["section_id"], instance.section_id})
    invalidate(tags)
    if is_public and (moved or not was_public):
        _joins_also_read(instance.pk)
    if _is_scheduled(before["status"], before["published_at"], now) or _is_scheduled(
        instance.status, instance.published_at, now
    ):
        schedule_changed()


def remember_lists_before_delete(instance, **kwargs):
    # The tag links and bylines go with the article; remember its lists first.
    instance._cache_lists = membership(instance.pk, {instance.section_id})


def drop_after_delete(instance, **kwargs):
    was_public = _is_public(instance.status, instance.published_at, timezone.now())
    lists = getattr(instance, "_cache_lists", set()) if was_public else set()
    invalidate({article_tag(instance.pk), *lists})


def _joins_also_read(article_id):
    from .also_read import drop_lists_reached_by  # also_read builds on this module

    drop_lists_reached_by(article_id)


def _public_now(article_id):
    return Article.objects.published().filter(pk=article_id).exists()


def drop_after_retagging(instance, action, pk_set, **kwargs):
    if not isinstance(instance, Article):
        return
    if action == "pre_clear":
        instance._cache_cleared_tags = list(
            TaggedArticle.objects.filter(content_object_id=instance.pk).values_list("tag_id", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    changed = pk_set or getattr(instance, "_cache_cleared_tags", [])
    tags = {article_tag(instance.pk)}
    public = _public_now(instance.pk)
    if public:
        tags |= {SITEMAPS, *(tag_list(pk) for pk in changed)}
    invalidate(tags)
    if public and action == "post_add":
        _joins_also_read(instance.pk)


def drop_after_byline_change(instance, **kwargs):
    tags = {article_tag(instance.article_id)}
    if _public_now(instance.article_id):
        tags |= {SITEMAPS, author_list(instance.author_id)}
    invalidate(tags)


def drop_after_pin_change(instance, **kwargs):
    invalidate({article_tag(instance.article_id)})


def drop_author(instance, **kwargs):
    invalidate({author_tag(instance.pk), SITEMAPS})


def drop_section(instance, **kwargs):
    invalidate({section_tag(instance.pk), section_list(instance.pk), NAV, SITEMAPS})


def drop_tag(instance, **kwargs):
    invalidate({tag_tag(instance.pk), tag_list(instance.pk), SITEMAPS})


# Scheduled stories -------------------------------------------------------------


def drop_what_came_public(since, until, lost, **kwargs):
    """Drop the lists of stories whose time came in (since, until]; return the next scheduled time."""
    arrived = Article.objects.published().filter(published_at__gt=since, published_at__lte=until)
    tags = set()
    for article_id, section_id in arrived.values_list("pk", "section_id"):
        tags |= {article_tag(article_id), *membership(article_id, {section_id})}
    if tags:
        came_public.send(sender=Article, articles=arrived, lost=lost)
        # Time made them public, not a write: drop now. This runs in a reader's
        # request, so the CDN is not called; it keeps pages only until the next
        # scheduled time (see newsroom.dependencies.shared_max_age).
        drop(tags, cdn_tags=set())
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=until)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
