"""Revisions: every save of a story keeps what readers see of it, with who and when.

django-reversion keeps the story's own fields (a ``Version`` per revision, with
the ``Revision``'s user, time and comment); ``RevisionContent`` keeps its lists
(bylines, tags, FAQ entries, pins) in the order readers see them, as one row.
``state_of`` reads the story as it is now into the same shape as ``state_of_revision``,
so a revision, the live story and a writer's proposed change compare alike.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from reversion.models import Revision, Version

from .models import AlsoReadPin, Article, ArticleAuthor, RevisionContent, Section

# What a revision keeps of the story's own fields: everything readers see, and its publication.
FIELDS = [
    "headline", "slug", "standfirst", "body", "section", "hero_image", "hero_alt", "hero_caption",
    "hero_credit", "hero_copyright", "hero_license", "hero_license_page", "seo_title", "meta_description",
    "status", "published_at",
]  # fmt: skip


def register():
    """Tell django-reversion what a revision keeps of a story (once, when the app is ready)."""
    if not reversion.is_registered(Article):
        reversion.register(Article, fields=FIELDS)


def record(article, user, comment, lists=None):
    """Keep the story as it is now (saved, with its lists) as a new revision by ``user``.

    A bulk writer that just wrote the story passes it as saved and its ``lists``
    (as ``lists_of`` gives them), saving the queries that read them back.
    """
    if lists is None:
        article = Article.objects.get(pk=article.pk)
        lists = lists_of(article)
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(user if user and user.pk else None)
        reversion.set_comment(comment[:500])
        reversion.add_to_revision(article)
        reversion.add_meta(RevisionContent, article=article, lists=lists)


def record_many(entries, user, comment):
    """One revision for each (story, lists) of ``entries``, in three statements (a bulk writer's)."""
    if not entries:
        return
    user = user if user and user.pk else None
    now = timezone.now()
    made = Revision.objects.bulk_create(
        Revision(date_created=now, user=user, comment=comment) for _ in entries
    )
    content_type = ContentType.objects.get_for_model(Article)
    Version.objects.bulk_create(
        Version(
            revision=revision,
            object_id=str(article.pk),
            content_type=content_type,
            db="default",
            format="json",
            serialized_data=serializers.serialize("json", [article], fields=FIELDS),
            object_repr=str(article)[:500],
        )
        for revision, (article, _) in zip(made, entries, strict=True)
    )
    RevisionContent.objects.bulk_create(
        RevisionContent(revision=revision, article=article, lists=lists)
        for revision, (article, lists) in zip(made, entries, strict=True)
    )


def lists_of(article):
    bylines = ArticleAuthor.objects.filter(article=article).select_related("author")
    pins = AlsoReadPin.objects.filter(article=article).select_related("pinned")
    return {
        "bylines": [{"author": b.author_id, "name": b.author.name} for b in bylines],
        "tags": sorted(article.tags.values_list("name", flat=True), key=str.casefold),
        "faq": [
            {"question": e.question, "answer": e.answer}
            for e in article.faq_entries.order_by("position", "id")
        ],
        "pins": [{"article": p.pinned_id, "headline": p.pinned.headline} for p in pins],
    }


ATTNAMES = {name: Article._meta.get_field(name).attname for name in FIELDS}  # section -> section_id


def _field_values(values):
    """The story's fields (by attname) as JSON values: files by name, times in ISO form, the section by id."""
    found = {}
    for name, attname in ATTNAMES.items():
        value = values.get(attname)
        if isinstance(value, FieldFile):
            value = value.name or ""
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        found[name] = value
    return found


def state_of(article):
    """The story as it is stored now: {"fields": {...}, "bylines", "tags", "faq", "pins"}."""
    article = Article.objects.get(pk=article.pk)
    fields = _field_values({attname: getattr(article, attname) for attname in ATTNAMES.values()})
    return {"fields": fields, **lists_of(article)}


def history(article):
    """The story's revisions, newest first, with their user."""
    return (
        RevisionContent.objects.filter(article=article)
        .select_related("revision__user")
        .order_by("-revision_id")
    )


def state_of_revision(content):
    """The story as the revision ``content`` (a RevisionContent) kept it."""
    version = Version.objects.get(
        revision_id=content.revision_id,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(content.article_id),
    )
    return {"fields": _field_values(version.field_dict), **content.lists}


def when(state_time):
    """A stored ISO time back to an aware datetime (None stays None)."""
    return parse_datetime(state_time) if state_time else None


def section_names(states):
    ids = {state["fields"]["section"] for state in states}
    return dict(Section.objects.filter(pk__in=ids).values_list("pk", "name"))


def describe(content):
    """One line for a history list: when, who, what."""
    revision = content.revision
    who = revision.user.get_username() if revision.user else "a script"
    return f"{timezone.localtime(revision.date_created):%Y-%m-%d %H:%M}, {who}: {revision.comment}"
