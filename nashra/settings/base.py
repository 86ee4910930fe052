"""Settings shared by every environment. Everything configurable is read from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("NASHRA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "nashra.core",
    "nashra.home",
    "nashra.news",
    "nashra.topics",
    "nashra.people",
    "nashra.sources",
    "nashra.pages",
    "nashra.ingest",
    "nashra.newsroom",
    "nashra.scheduling",
    "nashra.corrections",
    "nashra.curation",
    "nashra.search",
    "nashra.feeds",
    "nashra.sitemaps",
    "nashra.seo",
    "nashra.analytics",
    "nashra.caching",
    "nashra.backups",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: a page cache hit reads nothing from the database, and what it stores carries
    # every header the middleware below adds (security headers, CSP, language).
    "nashra.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "nashra.core.middleware.CachedSiteMiddleware",
    "nashra.core.middleware.EditionTimeZoneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "nashra.urls"
WSGI_APPLICATION = "nashra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nashra.core.context_processors.edition",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL says otherwise (sqlite:///… or postgres://…).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nashra.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "nashra"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendition lookups are cached so that an image costs no query once its sizes exist.
CACHES["renditions"] = dict(CACHES["default"], KEY_PREFIX="renditions")
# Whole pages for anonymous readers (nashra/caching). In local memory each process keeps
# its own, bounded so a worker stays small; with Redis all processes share one.
if REDIS_URL:
    CACHES["pages"] = dict(CACHES["default"], KEY_PREFIX="pages")
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("NASHRA_PAGE_CACHE_ENTRIES", "500"))},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editions. Arabic and English exist from the first migration; the default edition is the
# one a visitor without a matching Accept-Language lands on.
LANGUAGE_CODE = os.environ.get("NASHRA_DEFAULT_LANGUAGE", "en")
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("ar", "العربية"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Nashra")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.NashraImage"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
NASHRA_CONTACT_EMAIL = os.environ.get("NASHRA_CONTACT_EMAIL", "")
# The proxies in front of the app whose X-Forwarded-For is believed: a count ("2" for
# nginx → Varnish) or addresses and networks ("127.0.0.1,10.0.0.0/8"); empty trusts none.
# The one notion of the client's address (nashra/core/clients.py).
NASHRA_TRUSTED_PROXIES = os.environ.get("NASHRA_TRUSTED_PROXIES", "")
# How many contact messages one address may send per window before being told to wait.
NASHRA_CONTACT_RATE_LIMIT = int(os.environ.get("NASHRA_CONTACT_RATE_LIMIT", "5"))
NASHRA_CONTACT_RATE_WINDOW = int(os.environ.get("NASHRA_CONTACT_RATE_WINDOW", "600"))
NASHRA_PAGE_SIZE = int(os.environ.get("NASHRA_PAGE_SIZE", "20"))
# Most read: views are counted in the cache and written in batches (nashra/analytics/counting.py).
NASHRA_VIEWS_FLUSH_INTERVAL = int(os.environ.get("NASHRA_VIEWS_FLUSH_INTERVAL", "60"))
NASHRA_MOST_READ_CACHE_SECONDS = int(os.environ.get("NASHRA_MOST_READ_CACHE_SECONDS", "300"))

# Caching (nashra/caching): the page cache, how long shared caches keep pages, and the
# front proxies that every publish purges.
NASHRA_PAGE_CACHE = env_bool("NASHRA_PAGE_CACHE", True)
NASHRA_CACHE_SECONDS = {
    "article": int(os.environ.get("NASHRA_CACHE_ARTICLE_SECONDS", "3600")),
    "listing": int(os.environ.get("NASHRA_CACHE_LISTING_SECONDS", "300")),
}
NASHRA_UNCACHED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/health/",
    "/stats/",
    "/static/",
    "/media/",
]
# Without Redis each process caches pages in its own memory; a purge in one process reaches
# the others through this file (see nashra/caching/store.py).
NASHRA_PAGE_CACHE_EPOCH_FILE = VAR_DIR / "page-cache.epoch"
WAGTAILFRONTENDCACHE = {}
if os.environ.get("VARNISH_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "nashra.caching.backends.VarnishBackend",
        "LOCATION": os.environ["VARNISH_URL"],
    }
if os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# The editions have their own addresses (/ar/…, /en/…): never rewrite one into the other.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Content-Security-Policy: no inline script or style anywhere on the public site.
# The Wagtail admin relies on inline script and is left to its own defences.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SRC")],
        "media-src": [SELF, *env_list("CSP_MEDIA_SRC")],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail runs its index updates as tasks and reports each one; that is noise here.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
