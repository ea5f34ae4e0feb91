"""The lists a reader can follow: a section's, a tag's, an author's stories.

Each kind is described once here; views, feeds, templates and the JSON-LD ask
it instead of switching on a name.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from taggit.models import Tag

from . import caching
from .models import Author, Section, TaggedArticle
from .redirects import tag_moved


@dataclass(frozen=True)
class ListKind:
    name: str  # "section", "tag", "author": also the page's CSS modifier and its template's name
    model: type
    label: str  # the kicker above the page title
    select: Callable  # (published articles, owner) -> that owner's articles, newest first
    list_tag: Callable  # owner pk -> the dependency tag of the list
    # Tags and authors exist for readers through a public story only (drafts and
    # scheduled stories never show through); a section has its page from the start.
    public_only: bool = True
    page_type: str = "CollectionPage"
    title_prefix: str = ""  # before the owner's name in titles
    feed_prefix: str = ""  # before the owner's name in feed titles
    moved_to: Callable = lambda slug: None  # an old slug's new address, for the kinds that keep them
    # owner -> one plain sentence: for the meta description, and for the JSON-LD
    meta_description: Callable = lambda owner: ""
    jsonld_description: Callable = lambda owner: ""
    # (owner, offset, count) -> the ids of that stretch of the list, from an index of its own
    page_ids: Callable | None = None

    @property
    def owns_section(self):
        """True for a section's own list: its cards need no section label."""
        return self.model is Section

    @property
    def is_person(self):
        return self.page_type == "ProfilePage"

    @property
    def template_name(self):
        return f"articles/{self.name}_list.html"

    @property
    def feed_rss(self):
        return f"articles:{self.name}_feed_rss"

    @property
    def feed_atom(self):
        return f"articles:{self.name}_feed_atom"

    def title(self, owner):
        return f"{self.title_prefix}{owner.name}"

    def feed_title(self, owner):
        return f"{self.feed_prefix}{owner.name} | {settings.SITE_NAME}"


def tag_page_ids(tag, offset, count):
    """Ids of the tag's public stories, newest first, from its postings index alone.

    A link's ``public_from`` is its story's publication time while the story is
    public (``TaggedArticle``), so this is the tag's list without reading a story.
    """
    postings = TaggedArticle.objects.filter(tag=tag, public_from__lte=timezone.now())
    newest_first = postings.order_by("-public_from", "-content_object_id")
    return list(newest_first.values_list("content_object_id", flat=True)[offset : offset + count])


def _on_site(text):
    return f"{text} on {settings.SITE_NAME}."


SECTION = ListKind(
    "section",
    Section,
    "Section",
    select=lambda articles, owner: articles.in_section(owner),
    list_tag=caching.section_list,
    public_only=False,
    meta_description=lambda section: _on_site(section.description or section.name),
    jsonld_description=lambda section: section.description,
)
TAG = ListKind(
    "tag",
    Tag,
    "Tag",
    select=lambda articles, owner: articles.tagged_newest_first(owner),
    page_ids=tag_page_ids,
    list_tag=caching.tag_list,
    title_prefix="Stories tagged ",
    feed_prefix="Tagged ",
    moved_to=tag_moved,
    meta_description=lambda tag: _on_site(f"Stories tagged {tag.name}"),
    jsonld_description=lambda tag: f"Stories tagged {tag.name}",
)
AUTHOR = ListKind(
    "author",
    Author,
    "Author",
    select=lambda articles, owner: articles.by_author(owner),
    list_tag=caching.author_list,
    page_type="ProfilePage",
    feed_prefix="By ",
    meta_description=lambda author: _on_site(f"Stories by {author.name}"),
    jsonld_description=lambda author: strip_tags(author.bio),
)
