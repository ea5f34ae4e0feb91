"""The articles' work in the background (``newsroom.background``): renditions, search vectors, imports.

Until a picture's renditions exist, pages show the original (its size is
stored with the story), so no story is shown without its picture. Each task
reads the rows as they are when it runs: a picture replaced since it was asked
for is left to the task of its successor.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from newsroom.background import background
from newsroom.dependencies import invalidate

from . import search
from .also_read import drop_lists_reached_by, recount_tag_usage
from .caching import SITEMAPS, article_tag, author_tag
from .imports import wordpress, wxr
from .models import Article, Author, WordPressImport


def _drop_story(pk):
    invalidate({article_tag(pk), SITEMAPS})
    drop_lists_reached_by(pk)  # their thumbnails


def _drop_author(pk):
    invalidate({author_tag(pk)})


# kind -> (model, picture field, what drops the pages that show it)
PICTURES = {"hero": (Article, "hero_image", _drop_story), "photo": (Author, "photo", _drop_author)}


@background
def make_renditions(kind, pk, name):
    """Make the renditions of picture ``name`` of ``kind`` (hero, photo) ``pk``; drop the pages showing it."""
    model, field, drop_pages = PICTURES[kind]
    owner = model.objects.filter(pk=pk, **{field: name}).first()
    if owner is None:
        return "Gone, or has another picture since."
    owner.make_renditions()
    drop_pages(pk)
    return "made"


@background
def refresh_search_vectors(article_ids=None, tag_id=None):
    """Search finds stories as they are now: those saved or retagged, or those of a renamed tag."""
    search.refresh_vectors(article_ids, tag_id)


@background
def recount_tags(tag_ids):
    """Each tag's count of public stories, which weighs it in Also Read, after stories came or went."""
    recount_tag_usage(tag_ids)


@background(attempts=1)  # an import that stopped is for the editor to look at, not to repeat
def import_wordpress(job_id):
    """Run the admin's WordPress import ``job_id`` and keep its report; the export is then dropped."""
    job = WordPressImport.objects.get(pk=job_id)
    WordPressImport.objects.filter(pk=job_id).update(status=WordPressImport.Status.RUNNING)
    status, report = WordPressImport.Status.FAILED, ""
    try:
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "export.xml"
            export.write_bytes(bytes(job.export))
            done = wordpress.run(
                export,
                media_dir=settings.NEWSROOM_IMPORT_MEDIA_DIR or None,
                dry_run=job.dry_run,
                user=job.requested_by,
                default_section=job.default_section,
            )
        status, report = WordPressImport.Status.DONE, "\n".join(done.lines())
    except wxr.NotAnExport as problem:
        report = f"That file is not a WordPress export: {problem}. Nothing was imported."
    except Exception as error:
        report = f"The import stopped: {error}. What it had saved is kept; the error is under Failed work."
        raise
    finally:
        WordPressImport.objects.filter(pk=job_id).update(
            status=status, report=report, finished_at=timezone.now(), export=b""
        )
    return report.splitlines()[-1] if report else ""
