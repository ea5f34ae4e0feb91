"""Staff write, publish and fix articles in the admin; bad input is refused and saves nothing."""

from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from lxml import html as lxml_html
from taggit.models import Tag

from articles.models import Article
from faq.models import FAQEntry
from tests.admin_forms import ADD_URL, FAQ_PREFIX, article_data, errors_of, formset
from tests.factories import image_upload, make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return make_section("City")


@pytest.fixture
def author():
    return make_author("Ada Lane")


def test_add_page_uses_ckeditor_and_has_faq_inline(staff_client):
    html = staff_client.get(ADD_URL).content.decode()
    assert "django_ckeditor_5" in html
    assert f"{FAQ_PREFIX}-TOTAL_FORMS" in html
    assert "bylines-TOTAL_FORMS" in html
    assert "data-suggest-url" in html


def test_staff_saves_draft_with_faq_and_tags_then_publishes(staff_client, client, section, author):
    faqs = [("When?", "<p>From May.</p>"), ("Why?", "<p>Fewer passengers.</p>")]
    response = staff_client.post(ADD_URL, article_data(section, [author], faqs))
    assert response.status_code == 302
    article = Article.objects.get(slug="ferry-timetable-changes")
    assert sorted(article.tags.names()) == ["Ferries", "Transport"]
    assert [e.question for e in article.faq_entries.all()] == ["When?", "Why?"]
    assert client.get(article.get_absolute_url()).status_code == 404

    change_url = reverse("admin:articles_article_change", args=[article.pk])
    form = staff_client.get(change_url).context["adminform"].form
    entries = list(article.faq_entries.all())
    data = article_data(
        section,
        [],
        status="published",
        loaded_version=form["loaded_version"].value(),
        **formset(
            "bylines", [{"id": article.bylines.get().pk, "author": author.pk, "position": 0}], initial=1
        ),
        **formset(
            FAQ_PREFIX,
            [
                {"id": e.pk, "question": e.question, "answer": e.answer, "position": e.position}
                for e in entries
            ],
            initial=2,
        ),
    )
    assert staff_client.post(change_url, data).status_code == 302
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ferry timetable changes" in html
    assert "<strong>Sunday</strong>" in html
    assert "When?" in html
    assert "Fewer passengers." in html


def test_view_on_site_for_a_draft_opens_its_preview(staff_client, section, author):
    staff_client.post(ADD_URL, article_data(section, [author]))
    article = Article.objects.get()
    response = staff_client.get(
        reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, article.pk])
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == article.get_absolute_url()
    preview = staff_client.get(response["Location"])
    assert "Preview:" in preview.content.decode()


def test_body_is_sanitized_when_saved_from_the_admin(staff_client, section, author):
    body = '<p onclick="steal()">Hi<script>alert(1)</script><img src="x.png" onerror="alert(2)"></p>'
    staff_client.post(ADD_URL, article_data(section, [author], body=body))
    article = Article.objects.get()
    assert article.body == '<p>Hi<img src="x.png"></p>'
    assert article.body_text == "Hi"


def test_duplicate_slug_is_refused_with_a_clear_error(staff_client, section, author):
    make_article(slug="ferry-timetable-changes")
    response = staff_client.post(ADD_URL, article_data(section, [author]))
    assert response.status_code == 200
    assert "Article with this Slug already exists." in errors_of(response)
    assert Article.objects.count() == 1


def test_faq_entry_without_answer_is_refused_and_nothing_saved(staff_client, section, author):
    response = staff_client.post(ADD_URL, article_data(section, [author], [("When?", "<p>&nbsp;</p>")]))
    assert "Write an answer to this question." in errors_of(response)
    assert not Article.objects.exists()
    assert not FAQEntry.objects.exists()


def test_faq_entry_without_question_is_refused(staff_client, section, author):
    response = staff_client.post(ADD_URL, article_data(section, [author], [("", "<p>An answer.</p>")]))
    assert "This field is required." in errors_of(response)
    assert not Article.objects.exists()


def test_same_question_twice_is_refused(staff_client, section, author):
    faqs = [("When does it open?", "<p>Monday.</p>"), ("when does it open", "<p>Tuesday.</p>")]
    response = staff_client.post(ADD_URL, article_data(section, [author], faqs))
    assert "is asked twice on this page" in errors_of(response)
    assert not Article.objects.exists()


def test_hero_image_without_alt_text_is_refused(staff_client, section, author):
    data = article_data(section, [author], hero_image=image_upload())
    response = staff_client.post(ADD_URL, data)
    assert "A hero image needs alt text" in errors_of(response)
    assert not Article.objects.exists()


def test_hero_image_with_alt_text_is_saved(staff_client, section, author):
    data = article_data(section, [author], hero_image=image_upload(), hero_alt="Ferry at the quay")
    assert staff_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().hero_image.width == 1600


def test_publishing_without_an_author_is_refused(staff_client, section):
    response = staff_client.post(ADD_URL, article_data(section, [], status="published"))
    assert "needs at least one author before it can be published" in errors_of(response)
    assert not Article.objects.exists()


def test_a_draft_may_be_saved_without_an_author(staff_client, section):
    assert staff_client.post(ADD_URL, article_data(section, [])).status_code == 302
    assert Article.objects.get().status == Article.Status.DRAFT


def test_unpublish_action_hides_the_article(staff_client, client):
    article = make_article()
    staff_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    assert client.get(article.get_absolute_url()).status_code == 404


def test_saving_over_someone_elses_newer_edit_is_refused(staff_client, section, author):
    article = make_article(section=section, authors=[author], headline="Original")
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    loaded = staff_client.get(change_url).context["adminform"].form["loaded_version"].value()

    article.headline = "Colleague's edit"
    article.save()

    data = article_data(
        section,
        [],
        headline="My edit",
        slug=article.slug,
        loaded_version=loaded,
        **formset(
            "bylines", [{"id": article.bylines.get().pk, "author": author.pk, "position": 0}], initial=1
        ),
    )
    response = staff_client.post(change_url, data)
    assert "Someone else saved this article after you opened it" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Colleague's edit"


def changelist_rows(html):
    """The change list's table: {headline: {column title: cell text}}."""
    table = lxml_html.document_fromstring(html).get_element_by_id("result_list")
    titles = [th.text_content().strip() for th in table.xpath("thead/tr/th")]
    rows = {}
    for tr in table.xpath("tbody/tr"):
        cells = dict(
            zip(titles, (" ".join(td.text_content().split()) for td in tr.xpath("th|td")), strict=True)
        )
        rows[cells["Headline"]] = cells
    return rows


def test_changelist_shows_state_section_and_authors_and_filters(staff_client):
    make_article("Live story", authors=[make_author("Ada Lane")], section=make_section("City"), tags=["a"])
    make_article("Other story", status=Article.Status.DRAFT, tags=["b"])
    html = staff_client.get(reverse("admin:articles_article_changelist")).content.decode()
    rows = changelist_rows(html)
    assert rows["Live story"]["State"] == "Published"
    assert rows["Live story"]["Section"] == "City"
    assert rows["Live story"]["Authors"] == "Ada Lane"
    assert rows["Other story"]["State"] == "Draft"
    for title in ("section", "status", "tag", "authors", "publication time"):
        assert f'data-filter-title="{title}"' in html


def test_changelist_search_finds_word_beginnings_in_drafts_and_slugs(staff_client):
    make_article("Ferry strike ends", body="<p>Crews return to the harbour.</p>", status=Article.Status.DRAFT)
    make_article("Council budget approved", slug="budget-vote-2026")
    changelist = reverse("admin:articles_article_changelist")

    def found(term):
        html = staff_client.get(changelist, {"q": term}).content.decode()
        return list(changelist_rows(html)) if 'id="result_list"' in html else []

    assert found("ferr str") == ["Ferry strike ends"]
    assert found("budget-vote-2026") == ["Council budget approved"]
    assert found("zeppelin") == []


def test_changelist_filters_by_the_most_used_tags_and_any_tag_by_number(staff_client):
    for n in range(3):
        make_article(f"Bridge story {n}", tags=["Bridges"])
    make_article("Ferry story", tags=["Ferries"])
    changelist = reverse("admin:articles_article_changelist")
    html = staff_client.get(changelist).content.decode()
    assert html.index(">Bridges</a>") < html.index(">Ferries</a>")  # most used first
    ferries = Tag.objects.get(name="Ferries")
    rows = changelist_rows(staff_client.get(changelist, {"tag": ferries.pk}).content.decode())
    assert list(rows) == ["Ferry story"]
    refused = staff_client.get(changelist, {"tag": "bridges"})
    assert refused.status_code == 302
    assert "e=1" in refused["Location"]


def test_changelist_search_finds_by_headline(staff_client):
    make_article("Ferry strike ends")
    make_article("Library hours cut")
    html = staff_client.get(reverse("admin:articles_article_changelist") + "?q=ferry").content.decode()
    assert list(changelist_rows(html)) == ["Ferry strike ends"]


def test_tag_suggestions_offer_existing_tags_by_prefix(staff_client):
    make_article(tags=["Transport", "Trams", "Budget"])
    response = staff_client.get(reverse("admin:articles_article_tag_suggestions") + "?q=tr")
    assert response.json() == {"tags": ["Trams", "Transport"]}


def test_tag_suggestions_are_for_staff_only(client):
    response = client.get(reverse("admin:articles_article_tag_suggestions") + "?q=tr")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_faq_page_admin_saves_entries_inline(staff_client):
    data = {
        "title": "Subscriptions",
        "slug": "subscriptions",
        "intro": "<p>All about subscribing.</p>",
        "is_published": "on",
        **formset(FAQ_PREFIX, [{"question": "How much?", "answer": "<p>£5 a month.</p>", "position": 0}]),
    }
    assert staff_client.post(reverse("admin:faq_faqpage_add"), data).status_code == 302
    from faq.models import FAQPage

    assert [e.question for e in FAQPage.objects.get().faq_entries.all()] == ["How much?"]


def test_section_slug_that_would_hide_a_site_page_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:articles_section_add"),
        {"name": "Tags", "slug": "tag", "description": "", "position": 0},
    )
    assert "used by another part of the site" in response.content.decode()


def test_editor_pins_articles_to_also_read_in_the_admin(staff_client, client, section, author):
    second, first = make_article("Pinned second"), make_article("Pinned first")
    data = article_data(
        section,
        [author],
        status="published",
        **formset("pins", [{"pinned": second.pk, "position": 2}, {"pinned": first.pk, "position": 1}]),
    )
    assert staff_client.post(ADD_URL, data).status_code == 302
    html = client.get(Article.objects.get(slug="ferry-timetable-changes").get_absolute_url()).content.decode()
    also_read = html[html.index("Also Read") :]
    assert also_read.index("Pinned first") < also_read.index("Pinned second")


def test_a_hero_over_the_pixel_limit_is_refused_with_its_size(staff_client, section, author, settings):
    settings.NEWSROOM_UPLOAD_MAX_PIXELS = 1_000_000
    data = article_data(section, [author], hero_image=image_upload(size=(1600, 900)), hero_alt="Quay")
    response = staff_client.post(ADD_URL, data)
    assert "The picture is 1,600 x 900 pixels; pictures may have at most 1,000,000 pixels" in errors_of(
        response
    )
    assert not Article.objects.exists()


def test_a_hero_is_stored_under_the_extension_of_its_decoded_format(staff_client, section, author):
    disguised = image_upload("brochure.pdf", image_format="PNG")
    data = article_data(section, [author], hero_image=disguised, hero_alt="Ferry at the quay")
    assert staff_client.post(ADD_URL, data).status_code == 302
    name = Article.objects.get().hero_image.name
    assert name.endswith(".png")
    assert "brochure" not in name


def test_a_search_matching_many_stories_says_more_than_its_limit(staff_client, monkeypatch):
    monkeypatch.setattr("articles.admin.SearchPaginator.limit", 3)
    for n in range(5):
        make_article(f"Council vote {n}")
    make_article("Harbour wall repaired")
    page = staff_client.get(reverse("admin:articles_article_changelist"), {"q": "council"}).content.decode()
    assert "More than 3 stories: add a word to find fewer" in page
    assert page.count('class="field-headline"') == 5  # every match is still listed


def test_a_search_under_the_limit_gives_its_count(staff_client):
    make_article("Council vote")
    make_article("Harbour wall repaired")
    page = staff_client.get(reverse("admin:articles_article_changelist"), {"q": "council"}).content.decode()
    assert "1 story" in page
    assert "Council vote" in page
    assert "Harbour wall repaired" not in page
