"""Small factories: each makes one valid object, with overrides for what a test cares about."""

import io
import itertools
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleAuthor, Author, Section
from faq.models import FAQEntry, FAQPage

_numbers = itertools.count(1)


def make_section(name=None, **fields):
    n = next(_numbers)
    name = name or f"Section {n}"
    return Section.objects.create(name=name, slug=fields.pop("slug", f"section-{n}"), **fields)


def make_author(name=None, **fields):
    n = next(_numbers)
    return Author.objects.create(name=name or f"Author {n}", slug=fields.pop("slug", f"author-{n}"), **fields)


def make_article(
    headline=None,
    *,
    tags=(),
    authors=None,
    section=None,
    faqs=(),
    status=Article.Status.PUBLISHED,
    published_at="default",
    hero=None,
    **fields,
):
    """A published article (an hour old) unless told otherwise.

    ``hero``: a hero picture, made with its renditions: True for a 1,600 x 900
    JPEG, a ``(width, height)``, or an upload; ``hero_alt`` and
    ``hero_caption`` may be given with it.
    """
    n = next(_numbers)
    if hero:
        upload = image_upload(size=hero) if isinstance(hero, tuple) else hero
        fields["hero_image"] = image_upload() if hero is True else upload
        fields.setdefault("hero_alt", "A picture of the story")
    if published_at == "default":
        published_at = timezone.now() - timedelta(hours=1) if status == Article.Status.PUBLISHED else None
    article = Article.objects.create(
        headline=headline or f"Headline number {n}",
        slug=fields.pop("slug", f"story-{n}"),
        standfirst=fields.pop("standfirst", f"Standfirst of story {n}."),
        body=fields.pop("body", f"<p>Body of story {n}.</p>"),
        section=section or make_section(),
        status=status,
        published_at=published_at,
        **fields,
    )
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        ArticleAuthor.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.set(list(tags))
    for position, (question, answer) in enumerate(faqs):
        make_faq(article, question, answer, position=position)
    return article


def make_faq(owner, question, answer, position=0):
    return FAQEntry.objects.create(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
        question=question,
        answer=answer,
        position=position,
    )


def make_faq_page(title="Reader help", faqs=(), **fields):
    n = next(_numbers)
    page = FAQPage.objects.create(
        title=title, slug=fields.pop("slug", f"help-{n}"), is_published=fields.pop("is_published", True)
    )
    for position, (question, answer) in enumerate(faqs):
        make_faq(page, question, answer, position=position)
    return page


def image_upload(name="photo.jpg", size=(1600, 900), image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")
