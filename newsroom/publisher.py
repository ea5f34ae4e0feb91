"""The publisher's identity for the JSON-LD, cached until staff change it."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.templatetags.static import static

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
    return found


def identity():
    """{"name", "logo_url", "logo_width", "logo_height", "same_as", "policies"} of the site's publisher.

    ``policies``: schema.org property -> URL, for the policies the publisher has set.
    """
    return cached("newsroom:publisher", _identity, 24 * 60 * 60)


@receiver([post_save, post_delete], sender=Publisher)
def _publisher_changed(**kwargs):
    invalidate({TAG})  # every page's JSON-LD carries the Organization
