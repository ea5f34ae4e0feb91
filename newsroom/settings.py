"""Newsroom settings: one module, read from environment variables.

Local defaults are safe for a developer's machine; production fails loudly
when something it needs is missing.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

# Absolute origin used wherever a crawler reads a URL: canonical links,
# JSON-LD, sitemaps and feeds. Requests may arrive on another host name
# (a load balancer, a preview domain); the published identity stays fixed.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "The Newsroom Times")
# The reader search page, for the WebSite node's SearchAction.
NEWSROOM_SEARCH_URL_NAME = "articles:search"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise's runserver integration must come before staticfiles.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "taggit",
    "django_ckeditor_5",
    "csp",
    "axes",
    "reversion",
    "django_tasks",
    "django_tasks_db",
    "newsroom",
    "articles",
    "faq",
]

MIDDLEWARE = [
    # First: load balancers probe by address over plain HTTP (no host check, no redirect).
    "newsroom.health.HealthMiddleware",
    # Readers' requests read from the replicas, if any (every query after this point).
    "newsroom.replicas.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so cached pages get ETags and 304 answers too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the page cache: an imported site's "/?p=12" is not the home page.
    "articles.redirects.LegacyAddressMiddleware",
    "newsroom.cache.PublicPageCacheMiddleware",
    # Inside the page cache, so the cache keeps compressed pages.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside CSPMiddleware: relaxes the policy for the admin on the way out.
    "newsroom.security.AdminContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: counts failed logins and locks out.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "articles.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Reuse connections for a minute and check them before use, so a
        # restarted database is noticed instead of failing the next request.
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is down must fail a request in seconds, not hang it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)

# Read replicas (comma-separated URLs): readers' pages read from them, everything
# else from the primary above (newsroom/replicas.py). They need REDIS_URL.
DATABASE_REPLICAS = []
for _number, _url in enumerate(filter(None, os.environ.get("DATABASE_REPLICA_URLS", "").split(",")), 1):
    _replica = dj_database_url.parse(_url.strip(), conn_max_age=60, conn_health_checks=True)
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica{_number}")
if DATABASE_REPLICAS:
    _engines = {database["ENGINE"] for database in DATABASES.values()}
    if _engines != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS are replicas of a PostgreSQL DATABASE_URL.")
    if not os.environ.get("REDIS_URL"):
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS needs REDIS_URL: readers use a replica only once it has every change "
            "that dropped cached pages, and that mark is kept in Redis."
        )
    DATABASE_ROUTERS = ["newsroom.replicas.ReplicaRouter"]
# How long a browser that changed something reads from the primary, and how far behind a
# replica may fall before readers leave it for the primary.
NEWSROOM_REPLICA_PIN_SECONDS = int(os.environ.get("NEWSROOM_REPLICA_PIN_SECONDS", "5"))
NEWSROOM_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("NEWSROOM_REPLICA_MAX_LAG_SECONDS", "30"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (newsroom/background.py): renditions, search vectors, Also Read's tag
# counts, CDN purges that failed, the admin's WordPress imports. "database": kept in the
# database for `manage.py run_worker`, the production default; "immediate": done at once, in
# the request (the debug server's default).
NEWSROOM_TASKS = os.environ.get("NEWSROOM_TASKS", "immediate" if DEBUG else "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if NEWSROOM_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"NEWSROOM_TASKS is 'database' or 'immediate', not {NEWSROOM_TASKS!r}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[NEWSROOM_TASKS]}}

# One cache shared by every process of every server: pages, Also Read lists and
# their dependency tags must agree everywhere (newsroom/dependencies.py).
CACHE_TABLE = "newsroom_cache"
if env_bool("DJANGO_CACHE_DISABLED", False):
    # Benchmarks measure the uncached path with every cache switched off.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    # The database's own table (made by migrate). Culling drops a tenth of the
    # entries once it holds this many: enough for every page of a large archive.
    CACHES = {
        "default": {
            "BACKEND": "newsroom.db_cache.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {
                "MAX_ENTRIES": int(os.environ.get("NEWSROOM_CACHE_MAX_ENTRIES", "300000")),
                "CULL_FREQUENCY": 10,
            },
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The one language setting: the admin's language, <html lang>, the JSON-LD's
# inLanguage and the news sitemap's language all come from it (newsroom.site.language).
LANGUAGE_CODE = os.environ.get("DJANGO_LANGUAGE_CODE", "en-gb")
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Media is normally served by the front proxy or a bucket; the quickstart and
# single-box installs let Django serve it.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)

STORAGES = {
    "default": {"BACKEND": "newsroom.uploads.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Pictures (uploads and their renditions) are on this server's disk unless
# DJANGO_MEDIA_STORAGE=s3 puts them in an S3-compatible bucket that every app
# server shares (newsroom/object_storage.py). Credentials come the way boto3
# finds them: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role.
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE == "s3":
    _bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not _bucket:
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (the bucket).")
    _endpoint = os.environ.get("AWS_S3_ENDPOINT_URL", "").strip().rstrip("/")  # unset: Amazon S3
    _region = os.environ.get("AWS_S3_REGION_NAME", "").strip()
    # The pictures' public address: a CDN in front of the bucket, else the bucket itself.
    _aws_host = f"{_bucket}.s3.{_region or 'us-east-1'}.amazonaws.com"
    _bucket_url = f"{_endpoint}/{_bucket}/" if _endpoint else f"https://{_aws_host}/"
    MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "").strip() or _bucket_url
    _media = urlsplit(MEDIA_URL)
    if _media.scheme not in ("http", "https") or not _media.netloc or not MEDIA_URL.endswith("/"):
        raise ImproperlyConfigured(
            f"DJANGO_MEDIA_URL must be an http(s) address ending in a slash, not {MEDIA_URL!r}."
        )
    STORAGES["default"] = {
        "BACKEND": "newsroom.object_storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": _endpoint or None,
            "region_name": _region or None,
            # URLs are MEDIA_URL + name, unsigned: the pictures are public.
            "custom_domain": _media.netloc + _media.path.rstrip("/"),
            "url_protocol": f"{_media.scheme}:",
            "querystring_auth": False,
            "file_overwrite": True,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    SERVE_MEDIA = False
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(f"DJANGO_MEDIA_STORAGE is 'local' or 's3', not {MEDIA_STORAGE!r}.")

# Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS: browsers keep to HTTPS for a year. DJANGO_HSTS_SECONDS=0 turns it off
# (for example while a domain is first moved to HTTPS).
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Content-Security-Policy: public pages run no inline script and load nothing
# from other origins but the pictures' own (JSON-LD blocks are data, not
# script). The admin's relaxations are in newsroom/security.py.
_media_origin = ["{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL))] if "://" in MEDIA_URL else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_origin],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
    }
}

# Staff login: 5 failed attempts for one user name from one address lock
# that pair out for 15 minutes (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address that counts is the client's, as the trusted proxy in front saw it (behind the
# documented TLS proxy the connection's address is the proxy's, the same for everyone).
NEWSROOM_TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "1"))
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
# Staff whose ?next= is refused (another site, a made-up path) land in the admin.
LOGIN_REDIRECT_URL = "admin:index"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Editorial settings.
NEWSROOM_PAGE_SIZE = 12
NEWSROOM_ALSO_READ_COUNT = 4
# The front page: stories in its grid below the lead (a multiple of 2 and 3 fills every row),
# and per section row.
NEWSROOM_HOME_LATEST = 6
NEWSROOM_HOME_SECTION_ROW = 4
# Latest stories offered on the page-not-found page.
NEWSROOM_NOT_FOUND_LATEST = 4
# A tag links an article to at most its this many most recent stories (see articles/also_read.py).
NEWSROOM_ALSO_READ_TAG_WINDOW = 2000
# Apps whose text fields drop, on every save, the characters XML 1.0 cannot carry
# (feeds and sitemaps would break): see newsroom/richtext.py.
NEWSROOM_CLEAN_TEXT_APPS = ["articles", "faq", "newsroom", "taggit"]
NEWSROOM_UPLOAD_MAX_BYTES = 8 * 1024 * 1024
# Pictures are refused above this many pixels before they are decoded: a small
# file can unpack to gigabytes (a 10,000 x 9,500 PNG took a worker to 919 MB).
NEWSROOM_UPLOAD_MAX_PIXELS = int(os.environ.get("NEWSROOM_UPLOAD_MAX_PIXELS", str(40_000_000)))
# Imports from the admin: the largest WordPress export or document an editor may upload
# (bigger exports go through `manage.py import_wordpress`), and where the old site's
# wp-content/uploads/ folder was copied on the server, for its pictures.
NEWSROOM_IMPORT_MAX_BYTES = int(os.environ.get("NEWSROOM_IMPORT_MAX_BYTES", str(100 * 1024 * 1024)))
NEWSROOM_IMPORT_MEDIA_DIR = os.environ.get("NEWSROOM_IMPORT_MEDIA_DIR", "")
# How often a live story's page asks for new updates (each ask is a cached fragment).
NEWSROOM_LIVE_POLL_SECONDS = 20
# Most read: the stories read most in the last this many hours, this many of them, the list
# renewed this often; each process adds its counts to the database at most this often.
NEWSROOM_MOST_READ_HOURS = 24
NEWSROOM_MOST_READ_COUNT = 5
NEWSROOM_MOST_READ_SECONDS = 300
NEWSROOM_READS_FLUSH_SECONDS = int(os.environ.get("NEWSROOM_READS_FLUSH_SECONDS", "10"))
# Hero images narrower than this get a warning: search engines want 1200 px.
NEWSROOM_MIN_IMAGE_WIDTH = 1200

# Other hosts whose pictures may travel in full-content feeds (the site's own always do).
NEWSROOM_FEED_IMAGE_HOSTS = env_list("NEWSROOM_FEED_IMAGE_HOSTS", "")

# Full-text search language (a PostgreSQL text search configuration).
NEWSROOM_SEARCH_CONFIG = "english"
# Search ranks the newest this many stories that match (all of them, for all but the commonest words).
NEWSROOM_SEARCH_CANDIDATES = 1000
NEWSROOM_SEARCH_MAX_LENGTH = 200
# List pages past this number ask search engines not to index them (links are still followed).
NEWSROOM_INDEXED_PAGES = 10
# Google News sitemap: stories of the last 48 hours, at most 1,000.
NEWSROOM_NEWS_SITEMAP_HOURS = 48
NEWSROOM_NEWS_SITEMAP_LIMIT = 1000
# URLs per page of the other sitemaps (sitemaps.org allows 50,000; smaller pages stay quick).
NEWSROOM_SITEMAP_PAGE_SIZE = 1000

# What a 503 (database unavailable) asks clients to wait before retrying.
NEWSROOM_RETRY_AFTER_SECONDS = 5

# Anonymous pages: the server keeps them until what they show changes (capped
# here); browsers keep them briefly and revalidate in the background.
NEWSROOM_PAGE_CACHE_SECONDS = 24 * 60 * 60
NEWSROOM_BROWSER_MAX_AGE = 60
NEWSROOM_STALE_WHILE_REVALIDATE = 300
# How long readers of a page being rendered by another process wait for it
# before rendering it themselves (and how long that render holds its lock).
NEWSROOM_RENDER_WAIT_SECONDS = 5
# Each process keeps copies of the cached pages and lists it served, up to this many bytes,
# and uses one once the shared cache confirms its tags (newsroom.dependencies.LocalCopies).
NEWSROOM_LOCAL_COPIES_BYTES = int(os.environ.get("NEWSROOM_LOCAL_COPIES_BYTES", 32 * 1024 * 1024))
# A copy confirmed this recently is used without asking the shared cache again; every save that
# drops tags waits this long before it answers, so nobody reads a copy older than their save.
NEWSROOM_LOCAL_RECHECK_MS = int(os.environ.get("NEWSROOM_LOCAL_RECHECK_MS", "50"))

# The CDN in front: purgers sent the dropped dependency tags after every write
# (comma-separated: varnish, fastly, cloudflare; see newsroom/cdn.py).
NEWSROOM_CDN_PURGERS = env_list("NEWSROOM_CDN_PURGERS", "")
NEWSROOM_CDN = {
    "VARNISH_URLS": env_list("VARNISH_PURGE_URLS", ""),
    "FASTLY_SERVICE_ID": os.environ.get("FASTLY_SERVICE_ID", ""),
    "FASTLY_API_TOKEN": os.environ.get("FASTLY_API_TOKEN", ""),
    "FASTLY_API_URL": os.environ.get("FASTLY_API_URL", "https://api.fastly.com"),
    "CLOUDFLARE_ZONE_ID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
    "CLOUDFLARE_API_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    "CLOUDFLARE_API_URL": os.environ.get("CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4"),
}
# How long shared caches (s-maxage, Surrogate-Control) keep a page: a day when
# a purger keeps the CDN right, else as briefly as browsers do.
NEWSROOM_CDN_MAX_AGE = int(
    os.environ.get(
        "NEWSROOM_CDN_MAX_AGE", str(24 * 60 * 60 if NEWSROOM_CDN_PURGERS else NEWSROOM_BROWSER_MAX_AGE)
    )
)

TAGGIT_CASE_INSENSITIVE = True


def _tag_url(tag):
    from newsroom.site import link

    return link("articles:tag", kwargs={"slug": tag.slug})


# taggit's Tag has no get_absolute_url; give it one, so tags link like everything else.
ABSOLUTE_URL_OVERRIDES = {"taggit.tag": _tag_url}

# CKEditor 5 is only an admin widget; models keep sanitized HTML in TextFields.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "richtext_image_upload"
CKEDITOR_5_CONFIGS = {
    "default": {
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "insertTable",
                "codeBlock",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraph", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Heading",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Subheading",
                    "class": "ck-heading_heading3",
                },
            ]
        },
        "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
    },
    "answer": {
        "toolbar": {"items": ["bold", "italic", "link", "bulletedList", "numberedList", "|", "undo", "redo"]},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
