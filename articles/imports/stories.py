"""A draft from a document's ``Story``: the story, its byline, FAQ entries and Also Read pins, in one go."""

import re
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils.text import slugify

from newsroom.richtext import html_to_text

from .. import audit, revisions
from ..models import AlsoReadPin, Article, ArticleAuthor
from .text import first_words


@transaction.atomic
def create_draft(story, *, section, authors=(), user=None, source="a document"):
    """Save ``story`` as a draft; (article, the Also Read entries that name no published story)."""
    headline = story.title[:200] or "Untitled story"
    first = re.search(r"<p>(.*?)</p>", story.body, re.S)
    standfirst = first_words(html_to_text(first[1]) if first else headline, 400)
    article = Article(
        headline=headline, slug=free_slug(headline), standfirst=standfirst, body=story.body, section=section,
        status=Article.Status.DRAFT, created_by=user if user and user.pk else None,
    )  # fmt: skip
    article.save()
    for position, author in enumerate(dict.fromkeys(authors)):
        ArticleAuthor.objects.create(article=article, author=author, position=position)
    seen = set()
    for position, (question, answer) in enumerate(story.faq):
        if question.casefold() not in seen:
            seen.add(question.casefold())
            article.faq_entries.create(question=question, answer=answer, position=position)
    unmatched, pinned = [], []
    for text, href in story.also_read:
        found = published_story(text, href)
        if found is None or found.pk == article.pk:
            unmatched.append(text)
        elif found.pk not in pinned:
            AlsoReadPin.objects.create(article=article, pinned=found, position=len(pinned))
            pinned.append(found.pk)
    revisions.record(article, user, f"Imported from {source}")
    audit.record(user, article, audit.Action.CREATED, f"imported from {source}", by="story import")
    return article, unmatched


def free_slug(headline):
    wanted = (slugify(headline) or "story")[:190]
    slug, n = wanted, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{wanted}-{n}"
    return slug


def published_story(text, href):
    """The published story an Also Read line names: by its link to this site, else by its exact headline."""
    published = Article.objects.published()
    if href:
        try:
            match = resolve(urlsplit(href).path)
        except Resolver404:
            match = None
        if match and match.view_name == "articles:detail":
            found = published.filter(slug=match.kwargs["slug"]).first()
            if found:
                return found
    title = " ".join(text.split()).strip(" -–—")
    return published.filter(headline__iexact=title).first() if title else None
