"""The publisher's identity for the JSON-LD, cached until staff change it."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.templatetags.static import static

from .cards import HEIGHT, WIDTH, made_card
from .dependencies import cached, depends_on, invalidate
from .models import Publisher

TAG = "publisher"
DEFAULT_LOGO = {"url": "img/logo.png", "width": 600, "height": 60}


def _identity():
    depends_on(TAG)
    record = Publisher.objects.first()
    found = {
        "name": settings.SITE_NAME,
        "logo_url": static(DEFAULT_LOGO["url"]),
        "logo_width": DEFAULT_LOGO["width"],
        "logo_height": DEFAULT_LOGO["height"],
        "same_as": [],
        "policies": {},
        "card": None,
        "logo_file": DEFAULT_LOGO["url"],
        "pictures": {"copyright": "", "license": "", "license_page": ""},
    }
    if record:
        found.update(name=record.name, same_as=record.profile_urls)
        found["policies"] = {
            key: url
            for key, url in (
                ("correctionsPolicy", record.corrections_policy),
                ("ethicsPolicy", record.ethics_policy),
                ("masthead", record.masthead),
                ("publishingPrinciples", record.publishing_principles),
            )
            if url
        }
        if record.logo:
            found.update(
                logo_url=record.logo.url, logo_width=record.logo_width, logo_height=record.logo_height
            )
        found["pictures"] = {
            "copyright": record.picture_copyright,
            "license": record.picture_license,
            "license_page": record.picture_license_page,
        }
        if record.card_image:
            found["card"] = {
                "url": record.card_image.url,
                "width": record.card_width,
                "height": record.card_height,
                "alt": record.card_alt or found["name"],
            }
    found["logo_file"] = record.logo.name if record and record.logo else DEFAULT_LOGO["url"]
    return found


def identity():
    """{"name", "logo_url", "logo_width", "logo_height", "same_as", "policies", "card", "pictures"}.

    ``policies``: schema.org property -> URL, for the policies the publisher has set;
    ``card``: the uploaded share card {"url", "width", "height", "alt"}, or None (see
    ``share_card``); ``logo_file``: the logo's storage name or static path; ``pictures``: the rights
    of staff pictures {"copyright", "license", "license_page"} ("" where unset).
    """
    return cached("newsroom:publisher", _identity, 24 * 60 * 60)


def _share_card():
    depends_on(TAG)
    found = identity()
    if found["card"]:
        return found["card"]
    try:
        stored = made_card(found["name"], found["logo_file"])
    except OSError:  # no room to store it: the logo stands in until there is
        return {"url": found["logo_url"], "width": found["logo_width"], "height": found["logo_height"],
                "alt": found["name"]}  # fmt: skip
    return {"url": default_storage.url(stored), "width": WIDTH, "height": HEIGHT, "alt": found["name"]}


def share_card():
    """What a page with no picture of its own shares: {"url", "width", "height", "alt"}.

    The uploaded share card, else the card made from the name and logo (``newsroom.cards``).
    """
    return cached("newsroom:share-card", _share_card, 24 * 60 * 60)


@receiver([post_save, post_delete], sender=Publisher)
def _publisher_changed(**kwargs):
    invalidate({TAG})  # every page's JSON-LD carries the Organization
