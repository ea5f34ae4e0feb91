"""Importing a WordPress export: every status, authors, sections, FAQ blocks, pictures, old addresses."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, AuditEntry, Author, ImportedPost, Section
from newsroom.models import Picture
from tests import wxr
from tests.factories import image_upload, make_article
from tests.helpers import faq_questions, jsonld_graph

pytestmark = pytest.mark.django_db

YOAST_NEW = [
    ("When does the bridge open?", "On <strong>Monday</strong> at six."),
    ("Is there a toll?", "No."),
]
YOAST_OLD = [
    (["Who ", {"type": "strong", "props": {"children": ["scored"]}}, "?"], ["Ada, twice."]),
    (["When is the next match?"], ["On ", {"type": "em", "props": {"children": ["Saturday"]}}, "."]),
]
RANK_MATH = [("Where is the market?", "In the old hall.", True), ("Hidden one?", "Not shown.", False)]


def posts():
    bridge_body = (
        "<!-- wp:paragraph --><p>The bridge opens after two years of work.</p><!-- /wp:paragraph -->"
        '<!-- wp:image --><figure><img alt="The river" '
        'src="https://old.example.com/wp-content/uploads/2024/05/river-1024x576.jpg"></figure>'
        "<!-- /wp:image -->"
        '<p>See the plans.</p>[gallery ids="1,2"]'
        '<img src="https://old.example.com/wp-content/uploads/2024/05/gone.jpg" alt="Gone">'
        + wxr.yoast_faq_new(YOAST_NEW)
    )
    return [
        wxr.attachment(50, "2024/05/bridge.jpg", alt="The bridge at dawn", caption="From the east"),
        wxr.attachment(51, "2024/05/missing.jpg"),
        wxr.attachment(52, "2024/05/fake.jpg"),
        wxr.item(
            10, "Bridge opens", content=bridge_body, excerpt="The bridge opens on Monday.",
            categories=[("local", "Local")], tags=[("bridges", "Bridges"), ("transport", "Transport")],
            coauthors=[("cap-msmith", "msmith")], comments=2,
            meta={"_thumbnail_id": "50", "_yoast_wpseo_title": "%%title%% %%sep%% %%sitename%%",
                  "_yoast_wpseo_metadesc": "The new bridge opens on Monday, with a cycle lane."},
        ),
        wxr.item(
            11, "Match report", content="<p>Ada scored twice.</p>" + wxr.yoast_faq_old(YOAST_OLD),
            categories=[("premier-league", "Premier League")],
            meta={"rank_math_title": "%title% | Sport", "rank_math_description": "Ada scores twice."},
        ),
        wxr.item(
            12, "Market moves", content="<p>The market moves indoors.</p>" + wxr.rank_math_faq(RANK_MATH),
            categories=[("news", "News")], meta={"_thumbnail_id": "51"},
        ),
        wxr.item(13, "A draft", status="draft", date_gmt="0000-00-00 00:00:00"),
        wxr.item(14, "Waiting for review", status="pending"),
        wxr.item(15, "Coming soon", status="future", date_gmt="2030-01-01 09:00:00"),
        wxr.item(16, "Private note", status="private"),
        wxr.item(17, "Binned", status="trash"),
        wxr.item(18, "Never saved", status="auto-draft"),
        wxr.item(19, "About us", post_type="page"),
        wxr.item(20, "City budget", slug="city-budget"),
        wxr.item(21, " ".join(["Council"] * 19)),
        wxr.item(22, "Classic post", content="First paragraph.\n\nSecond paragraph,\nwith a break."),
        wxr.item(23, "Bad picture", meta={"_thumbnail_id": "52"}),
    ]  # fmt: skip


@pytest.fixture
def media(tmp_path):
    uploads = tmp_path / "uploads" / "2024" / "05"
    uploads.mkdir(parents=True)
    (uploads / "bridge.jpg").write_bytes(image_upload(size=(1600, 900)).read())
    (uploads / "river.jpg").write_bytes(image_upload(size=(1200, 675)).read())
    (uploads / "fake.jpg").write_bytes(b"this is not a picture")
    return tmp_path / "uploads"


@pytest.fixture
def export_file(tmp_path):
    def write(items=None, **options):
        path = tmp_path / "export.xml"
        path.write_text(wxr.export(items if items is not None else posts(), **options), encoding="utf-8")
        return path

    return write


def run(path, *args):
    out = io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


def story(post_id):
    return ImportedPost.objects.select_related("article").get(source_id=str(post_id)).article


@pytest.fixture
def imported(export_file, media):
    make_article("The city budget", slug="city-budget")
    return run(export_file(), "--media-dir", str(media))


def test_only_what_was_public_is_published(imported):
    assert story(10).status == Article.Status.PUBLISHED
    assert story(13).status == Article.Status.DRAFT
    assert story(14).status == Article.Status.REVIEW
    assert story(16).status == Article.Status.DRAFT
    scheduled = story(15)
    assert scheduled.status == Article.Status.DRAFT
    assert scheduled.published_at.isoformat() == "2030-01-01T09:00:00+00:00"
    assert story(10).published_at.isoformat() == "2024-05-03T10:00:00+00:00"


def test_trash_auto_drafts_and_pages_are_skipped_with_their_reason(imported):
    assert "skipped #17 “Binned”: in the trash" in imported
    assert "skipped #18 “Never saved”: an unsaved auto-draft" in imported
    assert "skipped #19 “About us”: a page, not a post" in imported
    assert not ImportedPost.objects.filter(source_id__in=["17", "18", "19"]).exists()


def test_the_report_counts_what_was_done(imported):
    assert "Done: created: 10, updated: 0, skipped: 4, missing media: 2." in imported
    assert "Shortcodes taken out of bodies: [gallery] x1" in imported
    assert "Comments not imported (Newsroom has none): 2" in imported


def test_authors_keep_name_and_login_but_never_their_email(imported):
    bridge = story(10)
    assert [author.name for author in bridge.ordered_authors] == ["Jane Doe", "Mark Smith"]
    assert Author.objects.get(slug="jdoe").name == "Jane Doe"
    for author in Author.objects.all():
        assert "@" not in f"{author.name} {author.slug} {author.bio} {author.profile_links}"


def test_nested_categories_give_the_top_level_section_and_tags(imported):
    assert story(10).section.name == "News"
    match = story(11)
    assert match.section.name == "Sport"
    assert list(match.tags.names()) == ["Premier League"]
    assert sorted(story(10).tags.names()) == ["Bridges", "Local", "Transport"]
    assert story(13).section.name == "News"  # no category: the default section
    assert Section.objects.filter(name="Sport").count() == 1


def test_yoast_faq_blocks_in_both_formats_become_entries_and_leave_the_body(imported):
    bridge, match = story(10), story(11)
    assert [(e.question, e.answer) for e in bridge.faq_entries.all()] == [
        ("When does the bridge open?", "<p>On <strong>Monday</strong> at six.</p>"),
        ("Is there a toll?", "<p>No.</p>"),
    ]
    assert [(e.question, e.answer) for e in match.faq_entries.all()] == [
        (
            "Who scored?",
            "<p>Who <strong>scored</strong>?</p>".replace("Who <strong>scored</strong>?", "Ada, twice."),
        ),
        ("When is the next match?", "<p>On <em>Saturday</em>.</p>"),
    ]
    assert "bridge open?" not in bridge.body
    assert "no longer has" not in match.body
    assert "wp:" not in bridge.body


def test_rank_math_faq_comes_from_its_attributes_not_its_stale_html(imported):
    market = story(12)
    assert [e.question for e in market.faq_entries.all()] == ["Where is the market?"]
    assert "An old question" not in market.body


def test_the_faq_reaches_the_page_and_its_faqpage_markup(imported, client):
    html = client.get(story(10).get_absolute_url()).content.decode()
    assert "When does the bridge open?" in html
    questions = faq_questions(jsonld_graph(html))
    assert [q["name"] for q in questions] == ["When does the bridge open?", "Is there a toll?"]


def test_seo_titles_and_descriptions_come_from_yoast_and_rank_math(imported):
    assert (story(10).seo_title, story(10).meta_description) == (
        "Bridge opens",
        "The new bridge opens on Monday, with a cycle lane.",
    )
    assert (story(11).seo_title, story(11).meta_description) == ("Match report | Sport", "Ada scores twice.")


def test_the_featured_image_becomes_the_hero_with_its_alt_text_and_caption(imported):
    bridge = story(10)
    assert bridge.hero_image
    assert bridge.hero_renditions
    assert (bridge.hero_alt, bridge.hero_caption) == ("The bridge at dawn", "From the east")


def test_body_pictures_are_copied_and_missing_ones_listed(imported):
    body = story(10).body
    assert "/media/imported/2024/05/river" in body
    assert "old.example.com" not in body
    assert "gone.jpg" not in body
    assert "missing media: #10 “Bridge opens”: 2024/05/gone.jpg (in the body)" in imported
    assert "missing media: #12 “Market moves”: 2024/05/missing.jpg (its featured image)" in imported


def test_a_file_that_is_not_a_picture_skips_its_post_and_writes_nothing_of_it(imported):
    assert "skipped #23 “Bad picture”: could not be saved:" in imported
    assert not Article.objects.filter(headline="Bad picture").exists()


def test_a_post_the_gate_refuses_is_imported_as_a_draft_with_the_reason(imported):
    long_one = story(21)
    assert long_one.status == Article.Status.DRAFT
    assert "public in WordPress, imported as a draft: The headline has 151 characters" in imported


def test_a_slug_taken_by_another_story_gets_a_new_one(imported):
    assert story(20).slug == "city-budget-2"
    assert "the address “city-budget” is another story's: imported as “city-budget-2”" in imported


def test_classic_editor_text_gets_its_paragraphs(imported):
    assert story(22).body == "<p>First paragraph.</p>\n<p>Second paragraph,<br>with a break.</p>"


def test_old_addresses_answer_301_to_the_new_page(imported, client):
    bridge = story(10)
    for old in ["/2024/05/03/bridge-opens/", "/?p=10"]:
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == bridge.get_absolute_url()


def test_old_addresses_of_drafts_stay_unanswered(imported, client):
    assert client.get("/2024/05/03/a-draft/").status_code == 404
    assert client.get("/?p=13").status_code == 200  # the home page, as for any ?p= it does not know


def test_running_again_updates_and_never_duplicates(imported, export_file, media):
    count = Article.objects.count()
    again = run(export_file(), "--media-dir", str(media))
    assert "Done: created: 0, updated: 10, skipped: 4" in again
    assert Article.objects.count() == count
    assert story(20).slug == "city-budget-2"


def test_the_import_is_audited_and_starts_each_storys_history(imported):
    bridge = story(10)
    assert list(AuditEntry.objects.filter(article=bridge).values_list("action", "username")) == [
        ("published", "WordPress import"),
        ("created", "WordPress import"),
    ]
    assert bridge.revision_contents.count() == 1


def test_a_dry_run_reports_and_saves_nothing(export_file, media):
    out = run(export_file(), "--media-dir", str(media), "--dry-run")
    assert "Dry run, nothing saved. It would have created: 10" in out
    assert not Article.objects.exists()
    assert not Author.objects.exists()


@pytest.mark.parametrize(("version", "scheme"), [("1.1", "http"), ("1.2", "https"), ("1.0", "http")])
def test_every_wxr_version_and_namespace_spelling_is_read(export_file, version, scheme):
    out = run(export_file([wxr.item(1, "Hello")], version=version, scheme=scheme))
    assert "Done: created: 1" in out
    assert story(1).headline == "Hello"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<html><body>Not a feed</body></html>", "it is XML, but not RSS"),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>A blog feed</title></channel></rss>',
            "no <wp:wxr_version>",
        ),
        ("this is not XML at all", "the XML is broken"),
        (wxr.export([wxr.item(1, "Hello")]).replace("</channel>", "<item><title>cut"), "the XML is broken"),
    ],
)
def test_a_file_that_is_not_an_export_gets_a_clear_error_and_changes_nothing(tmp_path, content, expected):
    path = tmp_path / "not-an-export.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    assert "is not a WordPress export" in str(error.value)
    assert expected in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert not Article.objects.exists()


def test_the_command_shows_progress_with_counts(export_file, media):
    out = run(export_file(), "--media-dir", str(media))
    assert "] 0/14 posts: 0 created, 0 updated, 0 skipped" in out
    assert "[##############################] 14/14 posts: 10 created, 0 updated, 4 skipped" in out


def test_a_picture_that_breaks_while_its_batch_is_written_skips_only_its_post(export_file, media):
    whole = image_upload(size=(1600, 900)).read()
    (media / "2024" / "05" / "cut.jpg").write_bytes(
        whole[: len(whole) // 3]
    )  # its header reads; it does not decode
    items = [
        wxr.attachment(60, "2024/05/cut.jpg", alt="Cut"),
        wxr.item(1, "Before the bad one"),
        wxr.item(2, "The bad one", meta={"_thumbnail_id": "60"}),
        wxr.item(3, "After the bad one"),
    ]
    out = run(export_file(items), "--media-dir", str(media))
    assert "Done: created: 2, updated: 0, skipped: 1" in out
    assert "skipped #2 “The bad one”: could not be saved:" in out
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "After the bad one",
        "Before the bad one",
    ]
    assert not ImportedPost.objects.filter(source_id="2").exists()


def test_imported_stories_are_searched_listed_and_linked_by_also_read(export_file, client):
    items = [
        wxr.item(
            n,
            f"Harbour story {n}",
            tags=[("harbour", "Harbour"), ("boats", "Boats")],
            content="<p>Ferries.</p>",
        )
        for n in range(1, 4)
    ]
    run(export_file(items))
    first = story(1)
    page = client.get(first.get_absolute_url()).content.decode()
    also_read = page.split('<section class="also-read"')[1]
    assert "Harbour story 2" in also_read
    assert "Harbour story 3" in also_read
    tag_page = client.get(reverse("articles:tag", kwargs={"slug": "harbour"})).content.decode()
    assert tag_page.count("Harbour story") >= 3
    results = client.get(reverse("articles:search"), {"q": "harbour"}).content.decode()
    assert "Harbour story 1" in results


def test_a_featured_image_keeps_the_credit_its_file_carried(export_file, media):
    items = [
        wxr.attachment(50, "2024/05/bridge.jpg", alt="The bridge", credit="Ana Ruiz / Agência Ponte",
                       copyright_notice="© 2024 Agência Ponte"),
        wxr.item(1, "Bridge opens", meta={"_thumbnail_id": "50"}),
    ]  # fmt: skip
    run(export_file(items), "--media-dir", str(media))
    bridge = story(1)
    assert (bridge.hero_credit, bridge.hero_copyright) == ("Ana Ruiz / Agência Ponte", "© 2024 Agência Ponte")


def test_a_body_picture_keeps_the_credit_its_file_carried(export_file, media):
    source = "https://old.example.com/wp-content/uploads/2024/05/river-1024x576.jpg"
    body = f'<figure><img src="{source}" alt="River"></figure>'
    items = [
        wxr.attachment(61, "2024/05/river.jpg", credit="Ana Ruiz", copyright_notice="© 2024 Ana Ruiz"),
        wxr.item(1, "River rises", content=body),
    ]
    run(export_file(items), "--media-dir", str(media))
    (picture,) = Picture.objects.all()
    assert (picture.name, picture.credit, picture.copyright_notice) == (
        "imported/2024/05/river-1024x576.jpg", "Ana Ruiz", "© 2024 Ana Ruiz",
    )  # fmt: skip
