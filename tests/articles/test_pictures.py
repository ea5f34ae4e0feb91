"""Pictures on pages: WebP first, JPEG fallback, sizes set, the lead eager and everything else lazy."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import image_upload, make_article, make_author

pytestmark = pytest.mark.django_db


ALT = "The harbour at dawn"


def pictures(html):
    return re.findall(r"<picture[^>]*>.*?</picture>", html, re.S)


def test_article_hero_offers_webp_then_jpeg_with_its_size_and_high_priority(client):
    article = make_article(hero=True, hero_alt=ALT)
    (hero,) = pictures(client.get(article.get_absolute_url()).content.decode())
    assert hero.index('<source type="image/webp"') < hero.index("<img")
    assert re.search(
        r'srcset="[^"]*-16x9-400\.webp 400w, [^"]*-16x9-800\.webp 800w, [^"]*-16x9-1200\.webp 1200w"', hero
    )
    assert re.search(r'<img src="[^"]*-16x9-800\.jpg" srcset="[^"]*-16x9-400\.jpg 400w', hero)
    assert 'alt="The harbour at dawn" width="1200" height="675"' in hero
    assert 'fetchpriority="high"' in hero
    assert 'loading="lazy"' not in hero


def test_front_page_lead_picture_is_eager_and_the_others_lazy(client):
    for _ in range(3):
        make_article(hero=True, hero_alt=ALT)
    found = pictures(client.get(reverse("articles:home")).content.decode())
    assert len(found) == 3
    assert 'fetchpriority="high"' in found[0]
    assert 'loading="lazy"' not in found[0]
    assert all('loading="lazy"' in picture and "fetchpriority" not in picture for picture in found[1:])


def test_card_pictures_are_decorative_next_to_their_headline(client):
    make_article(hero=True, hero_alt=ALT)
    make_article(hero=True, hero_alt=ALT)
    cards = client.get(reverse("articles:home")).content.decode().split('class="card"')[1:]
    assert cards
    assert all('alt=""' in card.split("</article>")[0] for card in cards)


def test_author_page_shows_the_photo_from_its_renditions(client):
    author = make_author("Ada Lane", photo=image_upload("ada.jpg", size=(500, 500)))
    make_article(authors=[author])
    (photo,) = pictures(client.get(author.get_absolute_url()).content.decode())
    assert re.search(r"-1x1-96\.webp 96w, [^\"]*-1x1-192\.webp 192w", photo)
    assert 'width="384" height="384"' in photo


def test_media_files_are_cached_by_browsers(client):
    article = make_article(hero=True, hero_alt=ALT)
    url = "/media/" + article.hero_renditions["16x9"]["sizes"][0]["webp"]
    response = client.get(url)
    response.close()  # a file response holds the file open until closed
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_record_made_before_webp_still_shows_its_picture(client):
    article = make_article(hero=True, hero_alt=ALT)
    old = {"16x9": {"name": "heroes/old-16x9.jpg", "width": 1200, "height": 675}}
    Article.objects.filter(pk=article.pk).update(hero_renditions=old)
    (hero,) = pictures(client.get(article.get_absolute_url()).content.decode())
    assert '<img src="/media/heroes/old-16x9.jpg" alt="The harbour at dawn" width="1200" height="675"' in hero
    assert "<source" not in hero
