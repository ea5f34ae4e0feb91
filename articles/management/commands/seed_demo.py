"""Fill an empty newsroom with demo content. Safe to run again: nothing is duplicated."""

import colorsys
import io
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from articles import demo, revisions
from articles.models import AlsoReadPin, Article, ArticleAuthor, Author, Correction, LiveUpdate, Section
from faq.models import FAQEntry, FAQPage

SECTION_HUES = {"city": 0.58, "business": 0.08, "science": 0.38, "culture": 0.85}


def hero_picture(seed, hue):
    """An 1800x1200 abstract picture (large enough for every rendition): a dusk skyline."""
    width, height = 1800, 1200
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        r, g, b = colorsys.hls_to_rgb(hue, 0.25 + 0.45 * y / height, 0.55)
        draw.line([(0, y), (width, y)], fill=(int(r * 255), int(g * 255), int(b * 255)))
    x = 0
    step = 0
    while x < width:
        building = 60 + (seed * 37 + step * 53) % 120
        top = 560 + (seed * 61 + step * 29) % 400
        shade = 20 + (step % 4) * 8
        draw.rectangle([x, top, x + building, height], fill=(shade, shade, shade + 10))
        x += building + 6
        step += 1
    sun_x = 200 + (seed * 97) % 1400
    draw.ellipse([sun_x, 180, sun_x + 200, 380], fill=(255, 236, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def portrait(name, seed):
    """A 480x480 demo portrait: the author's initials on a coloured ground."""
    size = 480
    r, g, b = colorsys.hls_to_rgb((seed * 0.17) % 1, 0.42, 0.45)
    image = Image.new("RGB", (size, size), (int(r * 255), int(g * 255), int(b * 255)))
    draw = ImageDraw.Draw(image)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=200)
    draw.text((size / 2, size / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def article_body(index, headline, standfirst, section_slug, tags):
    opening, closing = demo.SECTION_CONTEXT[section_slug]
    topics = [tag.lower() for tag in tags]
    topic_list = ", ".join(topics[:-1]) + (" and " if len(topics) > 1 else "") + topics[-1]
    parts = [
        f"<p>{standfirst} {opening}</p>",
        f"<p>The story of “{headline.lower()}” touches on {topic_list}, "
        "and readers have asked us to follow it closely.</p>",
        "<h2>What happens next</h2>",
        f"<p>{closing} We will report the next decision as soon as it is made.</p>",
    ]
    if index % 3 == 0:
        parts += [
            "<h3>Key points</h3>",
            "<ul>" + "".join(f"<li>{tag}: what changes, and for whom.</li>" for tag in tags) + "</ul>",
        ]
    if index % 4 == 1:
        parts += [
            "<h3>Timeline</h3>",
            "<ol><li>The proposal is published.</li><li>Residents and businesses respond.</li>"
            "<li>A final decision is taken.</li></ol>",
            "<blockquote><p>“We want people to understand exactly what this means for them.”</p>"
            "</blockquote>",
        ]
    if index % 5 == 0:
        rows = "".join(
            f'<tr><th scope="row">{tag}</th><td>{12 + 7 * n}</td><td>{30 + 11 * n}</td></tr>'
            for n, tag in enumerate(tags)
        )
        parts += [
            "<h3>In numbers</h3>",
            '<figure class="table"><table><caption>Readers\' questions by topic, last year and this year.'
            '</caption><thead><tr><th scope="col">Topic</th><th scope="col">Last year</th>'
            f'<th scope="col">This year</th></tr></thead><tbody>{rows}</tbody></table></figure>',
        ]
    parts.append(
        '<p>Read more in our <a href="/faq/about/">questions about how we report</a>, '
        "and send us your own questions.</p>"
    )
    return "".join(parts)


class Command(BaseCommand):
    help = "Create demo sections, authors, tags, articles, FAQ sections and an FAQ page."

    @transaction.atomic
    def handle(self, *args, **options):
        sections = {
            slug: Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position}
            )[0]
            for position, (name, slug, description) in enumerate(demo.SECTIONS)
        }
        authors = [
            Author.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "job_title": title, "bio": f"<p>{bio}</p>"}
            )[0]
            for name, title, bio in demo.AUTHORS
        ]
        for seed, author in enumerate(authors):
            if not author.photo:
                author.photo.save(f"{author.slug}.jpg", ContentFile(portrait(author.name, seed)))
        now = timezone.now()
        created = 0
        for index, (headline, standfirst, section_slug, author_ids, tags) in enumerate(demo.ARTICLES):
            slug = slugify(headline)
            if Article.objects.filter(slug=slug).exists():
                continue
            article = self.create_article(
                index, headline, slug, standfirst, sections[section_slug], tags, now
            )
            for position, author_index in enumerate(author_ids):
                ArticleAuthor.objects.create(article=article, author=authors[author_index], position=position)
            article.tags.set(tags)
            self.add_faqs(article, demo.FAQS.get(index, []))
            # Demo stories read as if written, and last changed, at their publication time.
            written = article.published_at or now
            Article.objects.filter(pk=article.pk).update(
                created_at=written, updated_at=written, content_modified_at=written
            )
            created += 1
        self.create_pins()
        self.create_corrections()
        self.create_live_coverage()
        self.create_faq_page()
        self.record_first_revisions()
        total = Article.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready: {created} articles created, {total} in all.")
        )

    def create_article(self, index, headline, slug, standfirst, section, tags, now):
        if index in demo.IN_REVIEW:
            status, published_at = Article.Status.REVIEW, None
        elif index in demo.DRAFTS:
            status, published_at = Article.Status.DRAFT, None
        elif index in demo.SCHEDULED:
            status, published_at = Article.Status.PUBLISHED, now + timedelta(days=demo.SCHEDULED[index])
        else:
            status, published_at = Article.Status.PUBLISHED, now - timedelta(hours=5 + index * 11)
        article = Article(
            headline=headline,
            slug=slug,
            standfirst=standfirst,
            body=article_body(index, headline, standfirst, section.slug, tags),
            section=section,
            status=status,
            published_at=published_at,
        )
        if index % 5 != 4:
            article.hero_image.save(
                f"{slug[:60]}.jpg",
                ContentFile(hero_picture(index, SECTION_HUES[section.slug])),
                save=False,
            )
            article.hero_alt = f"Illustration for the story: {headline}"
            if index % 3 == 0:  # an agency's picture, with its rights; the others are staff work
                article.hero_credit = "Ana Ruiz / Harbour Pictures"
                article.hero_copyright = "© 2026 Harbour Pictures"
                article.hero_license = "https://harbour-pictures.example/licence"
                article.hero_license_page = "https://harbour-pictures.example/license-this-picture"
        article.save()
        # Demo stories read as if written at their publication time.
        Article.objects.filter(pk=article.pk).update(
            created_at=published_at or now,
            updated_at=published_at or now,
            content_modified_at=published_at or now,
        )
        return article

    def create_pins(self):
        slugs = [slugify(row[0]) for row in demo.ARTICLES]
        for index, pinned_indexes in demo.PINS.items():
            for position, pinned_index in enumerate(pinned_indexes):
                AlsoReadPin.objects.get_or_create(
                    article=Article.objects.get(slug=slugs[index]),
                    pinned=Article.objects.get(slug=slugs[pinned_index]),
                    defaults={"position": position},
                )

    def create_corrections(self):
        for index, rows in demo.CORRECTIONS.items():
            article = Article.objects.get(slug=slugify(demo.ARTICLES[index][0]))
            for hours, text in rows:
                when = (article.published_at or timezone.now()) + timedelta(hours=hours)
                Correction.objects.get_or_create(article=article, text=text, defaults={"published_at": when})

    def create_live_coverage(self):
        for index, updates in demo.LIVE.items():
            article = Article.objects.get(slug=slugify(demo.ARTICLES[index][0]))
            if article.live_updates.exists():
                continue
            start = article.published_at or timezone.now()
            Article.objects.filter(pk=article.pk).update(live=True, coverage_start=start)
            for minutes, text, key_event in updates:
                when = min(start + timedelta(minutes=minutes), timezone.now())
                LiveUpdate.objects.create(article=article, text=text, key_event=key_event, published_at=when)
            # Its last change is its last update, as if it had been posted then.
            Article.objects.filter(pk=article.pk).update(content_modified_at=when)

    def record_first_revisions(self):
        """Each demo story starts its history, so the revisions page has something to show."""
        for article in Article.objects.exclude(revision_contents__isnull=False):
            revisions.record(article, None, "Created with the demo content")

    def add_faqs(self, owner, entries):
        content_type = ContentType.objects.get_for_model(owner)
        for position, (question, answer) in enumerate(entries):
            FAQEntry.objects.get_or_create(
                content_type=content_type,
                object_id=owner.pk,
                question=question,
                defaults={"answer": answer, "position": position},
            )

    def create_faq_page(self):
        title, slug, intro, entries = demo.FAQ_PAGE
        page, _ = FAQPage.objects.get_or_create(
            slug=slug, defaults={"title": title, "intro": intro, "is_published": True}
        )
        self.add_faqs(page, entries)
