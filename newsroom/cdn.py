"""Purging the CDN by the same dependency tags as the app's cache.

Purgers are chosen in settings (``NEWSROOM_CDN_PURGERS``): Varnish with vmod
xkey, Fastly (purge by surrogate key) and Cloudflare (purge by cache tag).
When a transaction that dropped tags commits, each purger is sent the tags
in as few requests as its API allows, from the process that wrote (an
editor's request or a management command), never from a reader's request.

A purge that fails is retried once at once, then kept as a ``PendingPurge``
row and logged, and a background task (``send_pending``) sends what is
pending, tried again with longer pauses while the CDN stays away;
``manage.py purge_cdn`` does the same by hand, including tags the app's own
cache could not take while it was away. A CDN that is down never fails an
editor's save.
"""

import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.dispatch import receiver

from .background import background, later, periodic, runs_now
from .dependencies import renew, tags_dropped

log = logging.getLogger(__name__)

TIMEOUT = 3
RETRY_PAUSE = 0.2


class PurgeFailed(Exception):
    pass


def _send(request):
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise PurgeFailed(f"{request.full_url} answered {error.code}") from error
    except OSError as error:
        raise PurgeFailed(f"{request.full_url} unreachable: {error}") from error


def _chunks(tags, size):
    return [tags[start : start + size] for start in range(0, len(tags), size)]


class Purger:
    name = ""

    def requests(self, tags):
        raise NotImplementedError

    def purge(self, tags):
        """Send every request for ``tags``; one retry each; raises PurgeFailed."""
        for request in self.requests(sorted(tags)):
            try:
                _send(request)
            except PurgeFailed:
                time.sleep(RETRY_PAUSE)
                _send(request)


class Varnish(Purger):
    """``PURGE`` to each Varnish with the tags in ``xkey-purge`` (see deploy/varnish/newsroom.vcl)."""

    name = "varnish"
    batch = 100

    def __init__(self, urls):
        self.urls = urls

    def requests(self, tags):
        for url in self.urls:
            for chunk in _chunks(tags, self.batch):
                yield urllib.request.Request(
                    f"{url.rstrip('/')}/", method="PURGE", headers={"xkey-purge": " ".join(chunk)}
                )


class Fastly(Purger):
    """``POST /service/<id>/purge`` with up to 256 keys in ``Surrogate-Key``."""

    name = "fastly"
    batch = 256

    def __init__(self, service_id, token, api_url):
        self.service_id, self.token, self.api_url = service_id, token, api_url.rstrip("/")

    def requests(self, tags):
        for chunk in _chunks(tags, self.batch):
            yield urllib.request.Request(
                f"{self.api_url}/service/{self.service_id}/purge",
                method="POST",
                headers={
                    "Fastly-Key": self.token,
                    "Surrogate-Key": " ".join(chunk),
                    "Accept": "application/json",
                },
            )


class Cloudflare(Purger):
    """``POST /zones/<id>/purge_cache`` with up to 100 tags as JSON."""

    name = "cloudflare"
    batch = 100

    def __init__(self, zone_id, token, api_url):
        self.zone_id, self.token, self.api_url = zone_id, token, api_url.rstrip("/")

    def requests(self, tags):
        for chunk in _chunks(tags, self.batch):
            yield urllib.request.Request(
                f"{self.api_url}/zones/{self.zone_id}/purge_cache",
                method="POST",
                data=json.dumps({"tags": chunk}).encode(),
                headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            )


class SharedCache(Purger):
    """The app's own cache, for tags a write could not drop while it was away."""

    name = "cache"

    def purge(self, tags):
        if not renew(tags, pauses=(0,)):
            raise PurgeFailed("the shared cache is still unavailable")


def purgers():
    """The purgers ``NEWSROOM_CDN_PURGERS`` names, configured from settings."""
    config = settings.NEWSROOM_CDN
    made = []
    for name in settings.NEWSROOM_CDN_PURGERS:
        if name == "varnish":
            made.append(Varnish(config["VARNISH_URLS"]))
        elif name == "fastly":
            made.append(
                Fastly(config["FASTLY_SERVICE_ID"], config["FASTLY_API_TOKEN"], config["FASTLY_API_URL"])
            )
        elif name == "cloudflare":
            made.append(
                Cloudflare(
                    config["CLOUDFLARE_ZONE_ID"], config["CLOUDFLARE_API_TOKEN"], config["CLOUDFLARE_API_URL"]
                )
            )
    return made


@receiver(tags_dropped)
def _purge_dropped(tags, **kwargs):
    from .models import PendingPurge

    for purger in purgers():
        try:
            purger.purge(tags)
        except PurgeFailed as error:
            log.error("CDN purge by %s failed (%s); kept, and sent again later", purger.name, error)
            PendingPurge.objects.create(purger=purger.name, tags=list(tags), last_error=str(error))
            if not runs_now():
                later(send_pending)


def retry_pending():
    """Send every pending purge again: (sent, still pending)."""
    from .models import PendingPurge

    by_name = {purger.name: purger for purger in purgers()}
    by_name[SharedCache.name] = SharedCache()
    sent = failed = 0
    for pending in PendingPurge.objects.all():
        purger = by_name.get(pending.purger)
        if purger is None:
            pending.delete()  # that CDN is no longer configured
            continue
        try:
            purger.purge(pending.tags)
        except PurgeFailed as error:
            pending.attempts += 1
            pending.last_error = str(error)
            pending.save(update_fields=["attempts", "last_error", "updated_at"])
            failed += 1
        else:
            pending.delete()
            sent += 1
    return sent, failed


@background
def send_pending():
    """Send the pending purges; raises (and is tried again later) while some still fail."""
    sent, failed = retry_pending()
    if failed:
        raise PurgeFailed(f"{failed} purges still fail ({sent} sent)")
    return f"{sent} sent"


@periodic(300)
@background
def sweep_pending():
    """Every five minutes, send what is still pending (purges, and tags the cache could not take)."""
    sent, failed = retry_pending()
    return f"{sent} sent, {failed} still pending"
