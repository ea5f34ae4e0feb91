"""The site's pages, for tests that go over all of them."""

from django.urls import reverse

SITEMAP_SECTIONS = ("articles", "sections", "tags", "authors", "faq", "pages")
FEED_NAMES = ("feed_rss", "feed_atom", "feed_full_rss", "feed_full_atom")
LIST_FEED_KINDS = ("section", "tag", "author")


def reader_pages(story, faq_page=None, query="bridge"):
    """The HTML pages a reader reaches from a published ``story`` (with a tag and an author), by kind."""
    pages = {
        "home": reverse("articles:home"),
        "article": story.get_absolute_url(),
        "section": story.section.get_absolute_url(),
        "tag": story.tags.order_by("name").first().get_absolute_url(),
        "author": story.ordered_authors[0].get_absolute_url(),
        "search": reverse("articles:search") + f"?q={query}",
        "faq_list": reverse("faq:list"),
        "corrections": reverse("articles:corrections"),
    }
    if faq_page is not None:
        pages["faq"] = faq_page.get_absolute_url()
    return pages


def pick(pages, *kinds):
    return {kind: pages[kind] for kind in kinds}


def story_pages(story):
    """The pages that show ``story``: its own, and the lists it is on."""
    return pick(reader_pages(story), "article", "home", "section", "tag", "author")


def paged_pages(story):
    """The pages that take a ``page`` number."""
    return pick(reader_pages(story), "home", "section", "tag", "author", "search", "corrections")


def feeds(story):
    """Every feed: the site's, and the section, tag and author feeds of ``story``."""
    found = {name: reverse(f"articles:{name}") for name in (*FEED_NAMES, "corrections_feed")}
    slugs = {
        "section": story.section.slug,
        "tag": story.tags.order_by("name").first().slug,
        "author": story.ordered_authors[0].slug,
    }
    for kind in LIST_FEED_KINDS:
        for flavour in ("rss", "atom"):
            found[f"{kind}_feed_{flavour}"] = reverse(
                f"articles:{kind}_feed_{flavour}", kwargs={"slug": slugs[kind]}
            )
    return found


def sitemaps():
    """The sitemap index, each sitemap section, and the Google News sitemap."""
    found = {"index": reverse("sitemap-index"), "news": reverse("sitemap-news")}
    for section in SITEMAP_SECTIONS:
        found[section] = reverse("sitemap-section", kwargs={"section": section})
    return found


def machine_pages():
    return {**sitemaps(), "robots": reverse("robots")}
