"""The articles' work in the background (``newsroom.background``): pictures' renditions, search vectors.

Until a picture's renditions exist, pages show the original (its size is
stored with the story), so no story is shown without its picture. Each task
reads the rows as they are when it runs: a picture replaced since it was asked
for is left to the task of its successor.
"""

from newsroom.background import background
from newsroom.dependencies import invalidate

from . import search
from .also_read import drop_lists_reached_by
from .caching import SITEMAPS, article_tag, author_tag
from .models import Article, Author


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
def refresh_tag_vectors(tag_id):
    """A renamed tag's new name finds its stories in search, and the old one no longer does."""
    search.refresh_vectors(tag_id=tag_id)
