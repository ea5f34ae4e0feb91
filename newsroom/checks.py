"""System checks for a deployment: a cache every process shares, and complete CDN settings."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS = ("django.core.cache.backends.locmem.LocMemCache",)
PURGER_SETTINGS = {
    "varnish": ["VARNISH_URLS"],
    "fastly": ["FASTLY_SERVICE_ID", "FASTLY_API_TOKEN"],
    "cloudflare": ["CLOUDFLARE_ZONE_ID", "CLOUDFLARE_API_TOKEN"],
}
ENVIRONMENT = {"VARNISH_URLS": "VARNISH_PURGE_URLS"}


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS:
        return [
            Error(
                "The cache is per-process memory: each worker would serve its own stale copies "
                "of pages after an edit.",
                hint="Set REDIS_URL to a Redis every process reaches, or leave it unset to use "
                "the database cache (its table is made by manage.py migrate).",
                id="newsroom.E001",
            )
        ]
    return []


@register(Tags.caches)
def cdn_purgers(app_configs, **kwargs):
    errors = []
    for name in settings.NEWSROOM_CDN_PURGERS:
        if name not in PURGER_SETTINGS:
            errors.append(
                Error(
                    f"Unknown CDN purger “{name}” in NEWSROOM_CDN_PURGERS.",
                    hint=f"Choose among: {', '.join(PURGER_SETTINGS)}.",
                    id="newsroom.E002",
                )
            )
            continue
        for setting in PURGER_SETTINGS[name]:
            if not settings.NEWSROOM_CDN[setting]:
                errors.append(
                    Error(
                        f"The {name} purger needs {ENVIRONMENT.get(setting, setting)}.",
                        hint=f"Set {ENVIRONMENT.get(setting, setting)} in the environment, or remove "
                        f"{name} from NEWSROOM_CDN_PURGERS.",
                        id="newsroom.E003",
                    )
                )
    return errors
