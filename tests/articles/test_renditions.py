"""Hero images and author photos are served as stored WebP and JPEG renditions, never scaled up."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from articles.models import Article, Author
from tests.factories import image_upload, make_article, make_author

pytestmark = pytest.mark.django_db


def with_hero(size):
    article = make_article(hero=size, hero_alt="The harbour at dawn")
    return Article.objects.get(pk=article.pk)


def stored_size(name):
    with default_storage.open(name) as stored, Image.open(stored) as image:
        return image.format, image.size


def test_each_hero_shape_is_stored_in_three_widths_as_webp_and_jpeg():
    made = with_hero((1800, 1200)).hero_renditions
    assert [size["width"] for size in made["16x9"]["sizes"]] == [400, 800, 1200]
    for size in made["16x9"]["sizes"]:
        assert stored_size(size["webp"]) == ("WEBP", (size["width"], size["height"]))
        assert stored_size(size["jpeg"]) == ("JPEG", (size["width"], size["height"]))
    assert stored_size(made["1x1"]["name"]) == ("JPEG", (1200, 1200))


def test_a_small_hero_is_never_scaled_up():
    made = with_hero((900, 600)).hero_renditions
    assert [size["width"] for size in made["16x9"]["sizes"]] == [400, 800, 900]
    assert [size["width"] for size in made["1x1"]["sizes"]] == [400, 600]


def test_an_author_photo_gets_small_square_renditions():
    author = make_author(photo=image_upload("face.jpg", size=(600, 800)))
    made = Author.objects.get(pk=author.pk).photo_renditions["1x1"]
    assert [(size["width"], size["height"]) for size in made["sizes"]] == [(96, 96), (192, 192), (384, 384)]


def test_removing_the_photo_removes_its_renditions():
    author = make_author(photo=image_upload("face.jpg", size=(400, 400)))
    author.photo = ""
    author.save()
    assert Author.objects.get(pk=author.pk).photo_renditions == {}


def test_make_renditions_fills_in_records_made_before_webp(capsys):
    article = with_hero((1600, 900))
    Article.objects.filter(pk=article.pk).update(
        hero_renditions={"16x9": {"name": "old.jpg", "width": 1200, "height": 675}}
    )
    call_command("make_renditions")
    assert "Renditions made for 1 images." in capsys.readouterr().out
    made = Article.objects.get(pk=article.pk).hero_renditions
    assert {"16x9", "4x3", "1x1"} == set(made)
    assert all("webp" in size for size in made["16x9"]["sizes"])


def test_make_renditions_leaves_current_records_alone(capsys):
    with_hero((1600, 900))
    call_command("make_renditions")
    assert "Renditions made for 0 images." in capsys.readouterr().out


def test_pages_never_open_the_hero_picture_even_one_stored_by_name(client):
    article = make_article("Harbour at dawn", status=Article.Status.DRAFT)
    picture = ContentFile(image_upload(size=(1600, 900)).read())
    article.hero_image.save("harbour-at-dawn.jpg", picture, save=False)  # as scripts store one
    article.hero_alt = "The harbour at dawn"
    article.status = Article.Status.PUBLISHED
    article.save()
    assert (article.hero_width, article.hero_height) == (1600, 900)
    default_storage.delete(article.hero_image.name)  # only the renditions are left
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert 'width="1600"' not in page.content.decode()  # the page shows renditions, not the original
    assert article.hero_renditions["16x9"]["name"] in page.content.decode()
    assert client.get("/").status_code == 200
