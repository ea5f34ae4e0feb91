"""A synthetic archive in PostgreSQL, built with bulk SQL: published stories, bylines and tags.

Stories are spread back in time (the newest a minute old), over 10 sections
and 50 authors, each with about ``tags_per_article`` tags drawn from a
Zipf-like popularity, so a few tags sit on tens of thousands of stories and
most on a handful. The tag links and counts are then made as the app keeps
them (``also_read.refresh_all``).
"""

import io
import random

SECTIONS = 10
AUTHORS = 50


def zipf_weights(count, exponent=1.2, offset=5):
    """Zipf-Mandelbrot popularity: a few tags on tens of thousands, most on a handful."""
    return [1 / (rank + offset) ** exponent for rank in range(1, count + 1)]


def archive_size():
    from articles.models import Article

    return Article.objects.filter(slug__startswith="synthetic-").count()


def build(articles, tags, tags_per_article=5, seed=2026):
    """Empty the articles, then write ``articles`` stories with ``tags`` tags (Django set up)."""
    # Every story is published, the newest a minute old, one every 10 minutes back in time.
    from django.core.management import call_command
    from django.db import connection

    from articles import also_read

    rng = random.Random(seed)
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE articles_taggedarticle, articles_tagusage, articles_alsoreadpin, articles_oldslug, "
            "articles_articleauthor, articles_article, articles_author, articles_section, taggit_tag CASCADE"
        )
        cursor.execute(
            "INSERT INTO articles_section (id, name, slug, description, position) "
            "SELECT g, 'Section ' || g, 'section-' || g, 'Stories of section ' || g || '.', g "
            "FROM generate_series(1, %s) g",
            [SECTIONS],
        )
        cursor.execute(
            "INSERT INTO articles_author "
            "(id, name, slug, job_title, bio, photo, profile_links, photo_renditions) "
            "SELECT g, 'Reporter ' || g, 'reporter-' || g, 'Reporter', '', '', '', '{}' "
            "FROM generate_series(1, %s) g",
            [AUTHORS],
        )
        cursor.execute(
            """
            INSERT INTO articles_article (id, headline, slug, standfirst, body, body_text, hero_image,
                hero_alt, hero_caption, hero_credit, section_id, status, published_at, created_at,
                updated_at, content_modified_at, seo_title, meta_description, hero_renditions,
                corrections_record, review_note, hero_copyright, hero_license, hero_license_page, live)
            SELECT g, 'Synthetic story ' || g, 'synthetic-' || g, 'What happened in story ' || g || '.',
                   repeat('<p>A paragraph of the synthetic story, long enough to read.</p>', 12),
                   repeat('A paragraph of the synthetic story, long enough to read. ', 12),
                   '', '', '', '', 1 + mod(g, %s), 'published',
                   now() - interval '1 minute' - g * interval '10 minutes', now(), now(), NULL, '', '', '{}',
                   '[]', '', '', '', '', false
            FROM generate_series(1, %s) g
            """,
            [SECTIONS, articles],
        )
        cursor.execute(
            "INSERT INTO articles_articleauthor (article_id, author_id, position) "
            "SELECT g, 1 + mod(g * 7, %s), 0 FROM generate_series(1, %s) g",
            [AUTHORS, articles],
        )
        cursor.execute(
            "INSERT INTO taggit_tag (id, name, slug) "
            "SELECT g, 'topic ' || lpad(g::text, 4, '0'), 'topic-' || lpad(g::text, 4, '0') "
            "FROM generate_series(1, %s) g",
            [tags],
        )
        for table in ("articles_section", "articles_author", "articles_article", "taggit_tag"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )

    cumulative, total = [], 0.0
    for weight in zipf_weights(tags):
        total += weight
        cumulative.append(total)
    buffer = io.StringIO()
    for article_id in range(1, articles + 1):
        wanted = max(1, min(15, round(rng.gauss(tags_per_article, 2))))
        chosen = set()
        while len(chosen) < wanted:
            chosen.update(rng.choices(range(1, tags + 1), cum_weights=cumulative, k=wanted - len(chosen)))
        for tag_id in chosen:
            buffer.write(f"{tag_id}\t{article_id}\n")
    buffer.seek(0)
    raw = connection.connection
    with (
        raw.cursor() as cursor,
        cursor.copy("COPY articles_taggedarticle (tag_id, content_object_id) FROM STDIN") as copy,
    ):
        copy.write(buffer.read())
    raw.commit()
    # The import bypassed the models: copy public times and count tags as the app does.
    also_read.refresh_all()
    was_autocommit = raw.autocommit
    raw.autocommit = True
    raw.execute("VACUUM ANALYZE")
    raw.autocommit = was_autocommit
