"""One linked JSON-LD graph per page, pinned by golden files.

Set NEWSROOM_UPDATE_GOLDEN=1 to rewrite the golden files after an intended
change to the markup; the diff then shows exactly what search engines will
read differently.
"""

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article, Author
from tests.factories import image_upload, make_article, make_author, make_faq_page, make_section
from tests.helpers import jsonld_graph, types_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_page_cache")]

GOLDEN = Path(__file__).resolve().parent / "golden"
WHEN = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
RANDOM_UPLOAD = re.compile(r"/media/heroes/\d{4}/\d\d/[0-9a-f]{32}((?:-\w+)*)\.jpg")


@pytest.fixture
def newsroom():
    section = make_section("City", slug="city", description="Life in the city.")
    ada = make_author(
        "Ada Lane", slug="ada-lane", job_title="Transport editor",
        profile_links="https://social.example/@ada\nhttps://ada.example",
    )  # fmt: skip
    with_faq = make_article(
        "Bridge opens on Monday", slug="bridge-opens", section=section, authors=[ada],
        tags=["Bridges", "Transport"], standfirst="The new bridge opens after two years.",
        body="<p>The bridge opens at six.</p><h2>Getting there</h2><p>Take the 4 bus.</p>",
        faqs=[("When does it open?", "<p>On <strong>Monday</strong>.</p>"),
              ("Is there a toll?", "<p>No.</p><blockquote><p>Free for all.</p></blockquote>")],
        published_at=WHEN,
        hero=True, hero_alt="The bridge at dawn", hero_caption="The bridge on its last day of works.",
    )  # fmt: skip
    plain = make_article(
        "Council meets", slug="council-meets", section=section, authors=[ada], tags=["Transport"],
        standfirst="A short meeting.", body="<p>Nothing else.</p>", published_at=WHEN,
    )  # fmt: skip
    make_faq_page("About us", slug="about", faqs=[("Who owns the paper?", "<p>Its readers.</p>")])
    Article.objects.update(updated_at=WHEN, created_at=WHEN, content_modified_at=WHEN)
    from faq.models import FAQPage

    FAQPage.objects.update(updated_at=WHEN)
    with_faq.refresh_from_db()
    plain.refresh_from_db()
    return {"with_faq": with_faq, "plain": plain, "author": Author.objects.get(slug="ada-lane")}


def pages(newsroom):
    return {
        "article-with-faq": newsroom["with_faq"].get_absolute_url(),
        "article-without-faq-or-image": newsroom["plain"].get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": "transport"}),
        "author": newsroom["author"].get_absolute_url(),
        "faq-page": reverse("faq:detail", kwargs={"slug": "about"}),
    }


def graph_of(client, url):
    return jsonld_graph(client.get(url).content.decode())


@pytest.mark.parametrize(
    "name", ["article-with-faq", "article-without-faq-or-image", "tag", "author", "faq-page"]
)
def test_graph_matches_its_golden_file(client, newsroom, name):
    text = json.dumps(graph_of(client, pages(newsroom)[name]), indent=2, ensure_ascii=False, sort_keys=True)
    text = RANDOM_UPLOAD.sub(r"/media/heroes/YYYY/MM/RANDOM\1.jpg", text) + "\n"
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("NEWSROOM_UPDATE_GOLDEN") == "1":
        golden.write_text(text)
    assert text == golden.read_text()


@pytest.mark.parametrize(
    "name", ["article-with-faq", "article-without-faq-or-image", "tag", "author", "faq-page"]
)
def test_every_reference_points_at_a_node_of_the_same_graph(client, newsroom, name):
    graph = graph_of(client, pages(newsroom)[name])
    ids = {node["@id"] for node in graph}
    assert len(ids) == len(graph), "two nodes share an @id"

    def references(value):
        if isinstance(value, dict):
            if set(value) == {"@id"}:
                yield value["@id"]
            for item in value.values():
                yield from references(item)
        elif isinstance(value, list):
            for item in value:
                yield from references(item)

    for node in graph:
        for reference in references({k: v for k, v in node.items() if k != "@id"}):
            assert reference in ids, reference


def test_ids_are_the_same_on_every_request(client, newsroom):
    url = newsroom["with_faq"].get_absolute_url()
    assert graph_of(client, url) == graph_of(client, url)


def test_page_types_per_kind_of_page(client, newsroom):
    expected = {
        "article-with-faq": ["WebPage", "FAQPage"],
        "article-without-faq-or-image": ["WebPage"],
        "tag": ["CollectionPage"],
        "author": ["ProfilePage"],
        "faq-page": ["WebPage", "FAQPage"],
    }
    for name, url in pages(newsroom).items():
        (page,) = [node for node in graph_of(client, url) if node["@id"].endswith("#webpage")]
        assert types_of(page) == expected[name], name


def test_author_page_is_a_profile_of_the_person(client, newsroom):
    graph = graph_of(client, newsroom["author"].get_absolute_url())
    (page,) = [node for node in graph if "ProfilePage" in types_of(node)]
    (person,) = [node for node in graph if node["@type"] == "Person"]
    assert page["mainEntity"] == {"@id": person["@id"]}
    assert person["sameAs"] == ["https://social.example/@ada", "https://ada.example"]


def date_modified(client, article):
    (node,) = [n for n in graph_of(client, article.get_absolute_url()) if n["@type"] == "NewsArticle"]
    return node["dateModified"]


def test_date_modified_ignores_status_tags_and_scheduling_changes(client, newsroom):
    article = newsroom["plain"]
    before = date_modified(client, article)
    article.status = Article.Status.DRAFT
    article.save()
    article.status = Article.Status.PUBLISHED
    article.save()
    article.tags.add("Council")
    assert date_modified(client, article) == before


def test_date_modified_follows_content_and_faq_changes(client, newsroom):
    article = newsroom["plain"]
    before = date_modified(client, article)
    article.standfirst = "A longer meeting than planned."
    article.save()
    after_edit = date_modified(client, article)
    assert after_edit > before
    from tests.factories import make_faq

    make_faq(article, "Who attended?", "<p>All councillors.</p>")
    assert date_modified(client, article) > after_edit


def test_hero_is_marked_up_in_three_shapes_from_stored_renditions(client, newsroom):
    graph = graph_of(client, newsroom["with_faq"].get_absolute_url())
    (news,) = [n for n in graph if n["@type"] == "NewsArticle"]
    images = {n["@id"]: n for n in graph if n["@type"] == "ImageObject" and "#" in n["@id"]}
    shapes = [(images[ref["@id"]]["width"], images[ref["@id"]]["height"]) for ref in news["image"]]
    assert shapes == [(1200, 675), (1200, 900), (900, 900)]
    from django.core.files.storage import default_storage

    for ref in news["image"]:
        path = images[ref["@id"]]["url"].split("/media/", 1)[1]
        assert default_storage.exists(path)


def test_page_image_uses_the_same_renditions_in_its_srcset(client, newsroom):
    html = client.get(newsroom["with_faq"].get_absolute_url()).content.decode()
    wide = newsroom["with_faq"].hero_renditions["16x9"]["name"]
    assert f"/media/{wide} 1200w" in html.split('class="article__hero"')[1].split("</picture>")[0]


def organization(client):
    graph = graph_of(client, reverse("articles:home"))
    (node,) = [n for n in graph if n["@type"] == "NewsMediaOrganization"]
    return node


def test_publisher_identity_is_edited_in_the_admin_and_shows_at_once(
    client, staff_client, newsroom, committed
):
    assert organization(client)["name"] == "The Newsroom Times"
    data = {
        "name": "Harbourton Herald",
        "same_as": "https://social.example/@herald",
        "logo": image_upload(size=(600, 60)),
    }
    with committed():
        response = staff_client.post(reverse("admin:newsroom_publisher_add"), data)
    assert response.status_code == 302
    node = organization(client)
    assert node["name"] == "Harbourton Herald"
    assert node["sameAs"] == ["https://social.example/@herald"]
    assert (node["logo"]["width"], node["logo"]["height"]) == (600, 60)
    assert node["logo"]["url"].startswith("http://127.0.0.1:8000/media/publisher/")


def test_there_is_only_one_publisher_identity(staff_client, newsroom):
    from newsroom.models import Publisher

    Publisher.objects.create(name="Harbourton Herald")
    assert staff_client.get(reverse("admin:newsroom_publisher_add")).status_code == 403
    delete = reverse("admin:newsroom_publisher_delete", args=[Publisher.objects.get().pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403


def test_publisher_profiles_must_be_web_addresses(staff_client, newsroom):
    response = staff_client.post(
        reverse("admin:newsroom_publisher_add"), {"name": "X", "same_as": "not a url"}
    )
    assert "is not a web address" in response.content.decode()
