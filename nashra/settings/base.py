"""Settings shared by every environment. Everything configurable is read from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from nashra.core.inline import LITE_STYLE_SOURCE, THEME_SCRIPT_SOURCE

from .storage import media_origins, media_storage

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
    "nashra.accounts",
    "nashra.home",
    "nashra.news",
    "nashra.topics",
    "nashra.people",
    "nashra.sources",
    "nashra.pages",
    "nashra.ingest",
    "nashra.wire",
    "nashra.newsroom",
    "nashra.scheduling",
    "nashra.corrections",
    "nashra.curation",
    "nashra.search",
    "nashra.feeds",
    "nashra.sitemaps",
    "nashra.seo",
    "nashra.lite",
    "nashra.syndication",
    "nashra.live",
    "nashra.analytics",
    "nashra.caching",
    "nashra.backups",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: a page cache hit reads nothing from the database, and what it stores carries
    # every header the middleware below adds (security headers, CSP, language).
    "nashra.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files get the security headers too (nashra/core/headers.py).
    "nashra.core.headers.SecurityHeadersMiddleware",
    # A NUL byte in the path or a parameter is a 400, before any view or query sees it.
    "nashra.core.nul_bytes.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "nashra.core.middleware.CachedSiteMiddleware",
    "nashra.home.middleware.EditionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who have not passed the second step reach no admin page (nashra/accounts).
    "nashra.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a lockout into the page that says so.
    "axes.middleware.AxesMiddleware",
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
                "nashra.home.context_processors.edition",
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
# With Redis, each process keeps what it read in a small memory of its own, good until the
# next purge anywhere (nashra/caching/near.py): a page costs one round trip, not a dozen.
# Only the keys named here are kept near; counters and rate limits always go to Redis.
NEAR_KEYS = {
    "default": (
        "nashra:",
        "nashra-feeds:",
        "template.cache.",
        "wagtail_site_root_paths",
        "analytics:most-read:",
    ),
    "pages": ("page:", "tagv:"),
    # Keyed by the image's file hash and focal point: a new file is a new key.
    "renditions": ("wagtail-rendition-",),
    "counters": (),
}
NASHRA_NEAR_GENERATION_ALIAS = "default"
NASHRA_NEAR_CACHE_SECONDS = int(os.environ.get("NASHRA_NEAR_CACHE_SECONDS", "60"))
NASHRA_NEAR_CACHE_BYTES = int(os.environ.get("NASHRA_NEAR_CACHE_MB", "32")) * 1024 * 1024
# Each process hears the generation's changes (Redis pub/sub) instead of reading it for every
# request, and reads it all the same every NASHRA_NEAR_CHECK_SECONDS (near.py, _Listener).
NASHRA_NEAR_LISTEN = env_bool("NASHRA_NEAR_LISTEN", True)
NASHRA_NEAR_CHECK_SECONDS = float(os.environ.get("NASHRA_NEAR_CHECK_SECONDS", "1"))
# Two sites sharing one Redis each name their own keys (every alias below starts with it).
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "")


def _cache_prefix(alias):
    return f"{CACHE_KEY_PREFIX}-{alias}" if CACHE_KEY_PREFIX else alias


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "nashra.caching.near.TieredRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX or "nashra",
            "NEAR_PREFIXES": NEAR_KEYS["default"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendition lookups are cached so that an image costs no query once its sizes exist.
CACHES["renditions"] = dict(CACHES["default"], KEY_PREFIX=_cache_prefix("renditions"))
if REDIS_URL:
    CACHES["renditions"]["NEAR_PREFIXES"] = NEAR_KEYS["renditions"]
# Whole pages for anonymous readers (nashra/caching). In local memory each process keeps
# its own, bounded so a worker stays small; with Redis all processes share one.
if REDIS_URL:
    CACHES["pages"] = dict(
        CACHES["default"], KEY_PREFIX=_cache_prefix("pages"), NEAR_PREFIXES=NEAR_KEYS["pages"]
    )
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("NASHRA_PAGE_CACHE_ENTRIES", "500"))},
    }
# Answers nobody links to (a 404, an unknown path) live in a small budget of their own in
# each process, so a flood of made-up URLs cannot push real pages out (nashra/caching).
CACHES["pages_adhoc"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages-adhoc",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("NASHRA_PAGE_CACHE_ADHOC_ENTRIES", "200"))},
}
# Pending view counts and the beacon's per-address marks (nashra/analytics): in Redis when
# there is one; else a local-memory cache of their own, large enough that a crowd of readers
# does not evict counts before they are written.
if REDIS_URL:
    CACHES["counters"] = dict(
        CACHES["default"], KEY_PREFIX=_cache_prefix("counters"), NEAR_PREFIXES=()
    )
else:
    CACHES["counters"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "counters",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("NASHRA_COUNTERS_ENTRIES", "50000"))},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signing in (nashra/accounts). django-axes checks every sign-in against the lockouts before
# the password is tried. Wrong passwords and wrong second-step codes count together against
# one account from one client address; an address alone is never locked, as a whole newsroom
# may share one. The count lasts until the lockout time has passed since the last failure; a
# right password alone does not clear it (that would give whoever holds the password endless
# guesses at the code), a complete sign-in does.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("NASHRA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NASHRA_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_CLIENT_IP_CALLABLE = "nashra.core.clients.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "nashra.accounts.lockout.lockout_response"
# Masked in the form data django-axes keeps with a failed attempt, and in its log lines.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "recovery_code"]
WAGTAILADMIN_USER_LOGIN_FORM = "nashra.accounts.forms.LoginForm"
# On, every staff user must pass a second step (an authenticator app or a recovery code)
# after the password; off, anyone may still turn it on from their account.
NASHRA_REQUIRE_2FA = env_bool("NASHRA_REQUIRE_2FA", False)
# Password-reset mails one client address may ask for, per e-mail address and window (seconds).
NASHRA_PASSWORD_RESET_LIMIT = int(os.environ.get("NASHRA_PASSWORD_RESET_LIMIT", "3"))
NASHRA_PASSWORD_RESET_WINDOW = int(os.environ.get("NASHRA_PASSWORD_RESET_WINDOW", "3600"))

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
    # Local files, or an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set (storage.py).
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Nashra")
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.NashraImage"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Documents are served by Wagtail's view (its privacy, a download with nosniff), never
# straight from /media/documents/ (the nginx example refuses that path), and none inline.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Uploads: raster formats only (no SVG, which can carry script), and bounds on the file and
# on its pixels, checked before the image is decoded (nashra/core/uploads.py).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("NASHRA_IMAGE_MAX_BYTES", str(25 * 1024 * 1024)))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("NASHRA_IMAGE_MAX_PIXELS", "80000000"))
WAGTAILIMAGES_IMAGE_FORM_BASE = "nashra.core.uploads.ImageForm"
# The admin asks no third party for anything: no Gravatar (a hash of each journalist's
# e-mail), no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# One full-text index, the site search's (nashra.search): Wagtail's admin searches read the
# tables and Wagtail indexes nothing (see nashra/search/wagtail_backend.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "nashra.search.wagtail_backend", "AUTO_UPDATE": False}
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
NASHRA_CONTACT_EMAIL = os.environ.get("NASHRA_CONTACT_EMAIL", "")
# The proxies in front of the app whose X-Forwarded-For is believed: a count ("2" for
# nginx → Varnish) or addresses and networks ("127.0.0.1,10.0.0.0/8"); empty trusts none.
# The one notion of the client's address (nashra/core/clients.py).
NASHRA_TRUSTED_PROXIES = os.environ.get("NASHRA_TRUSTED_PROXIES", "")
# Pages one client address may count a view for per hour (each page once a day), and seconds
# a beacon URL counts (0: the article's cache lifetime plus an hour).
NASHRA_VIEWS_PER_ADDRESS = int(os.environ.get("NASHRA_VIEWS_PER_ADDRESS", "60"))
NASHRA_VIEW_BEACON_SECONDS = int(os.environ.get("NASHRA_VIEW_BEACON_SECONDS", "0")) or None
# Client addresses (or networks) that /health/ tells what is wrong; others get ok or fail.
NASHRA_HEALTH_DETAIL_ADDRESSES = os.environ.get("NASHRA_HEALTH_DETAIL_ADDRESSES", "127.0.0.1,::1")
# How many contact messages one address may send per window before being told to wait.
NASHRA_CONTACT_RATE_LIMIT = int(os.environ.get("NASHRA_CONTACT_RATE_LIMIT", "5"))
NASHRA_CONTACT_RATE_WINDOW = int(os.environ.get("NASHRA_CONTACT_RATE_WINDOW", "600"))
NASHRA_PAGE_SIZE = int(os.environ.get("NASHRA_PAGE_SIZE", "20"))
# import_wordpress --fetch-media: the largest picture fetched, and the seconds one fetch may take.
NASHRA_IMPORT_MEDIA_MAX_BYTES = int(
    os.environ.get("NASHRA_IMPORT_MEDIA_MAX_BYTES", str(20 * 1024 * 1024))
)
NASHRA_IMPORT_MEDIA_TIMEOUT = int(os.environ.get("NASHRA_IMPORT_MEDIA_TIMEOUT", "20"))
# Most read: views are counted in the cache and written in batches (nashra/analytics/counting.py).
NASHRA_VIEWS_FLUSH_INTERVAL = int(os.environ.get("NASHRA_VIEWS_FLUSH_INTERVAL", "60"))
NASHRA_MOST_READ_CACHE_SECONDS = int(os.environ.get("NASHRA_MOST_READ_CACHE_SECONDS", "300"))

# Caching (nashra/caching): the page cache, how long shared caches keep pages, and the
# front proxies that every publish purges.
NASHRA_PAGE_CACHE = env_bool("NASHRA_PAGE_CACHE", True)
# Serving's shortcuts past Wagtail (nashra/news/serving.py: the page at a path in one query,
# cached view restrictions; nashra/core/middleware.py: the site per host): off gives Wagtail's
# own routing, for an upgrade to be checked against (nashra/news/tests/test_routing_equivalence.py).
NASHRA_FAST_ROUTING = env_bool("NASHRA_FAST_ROUTING", True)
NASHRA_CACHE_SECONDS = {
    "article": int(os.environ.get("NASHRA_CACHE_ARTICLE_SECONDS", "3600")),
    "listing": int(os.environ.get("NASHRA_CACHE_LISTING_SECONDS", "300")),
    # A live page's newest updates: purged with each update, so this only bounds a purge lost.
    "live_updates": int(os.environ.get("NASHRA_CACHE_LIVE_UPDATES_SECONDS", "10")),
}
# How often a reader's open live page asks for new updates (nashra/live/static/js/live.js).
NASHRA_LIVE_POLL_SECONDS = int(os.environ.get("NASHRA_LIVE_POLL_SECONDS", "10"))
# The wire desk (nashra/wire): how long untaken items stay in the inbox, and how partners'
# feeds are fetched. Feeds on private or local addresses (127.0.0.1, 10.0.0.0/8,
# 169.254.169.254…) are refused unless NASHRA_WIRE_ALLOW_PRIVATE_HOSTS is on.
NASHRA_WIRE_KEEP_DAYS = int(os.environ.get("NASHRA_WIRE_KEEP_DAYS", "14"))
NASHRA_WIRE_TIMEOUT = float(os.environ.get("NASHRA_WIRE_TIMEOUT", "10"))
NASHRA_WIRE_MAX_BYTES = int(os.environ.get("NASHRA_WIRE_MAX_BYTES", str(5 * 1024 * 1024)))
NASHRA_WIRE_ALLOW_PRIVATE_HOSTS = env_bool("NASHRA_WIRE_ALLOW_PRIVATE_HOSTS", False)
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
# How long a small cached value every page needs (an edition's menus, the private pages,
# an article's labels; nashra/caching/memo.py) may outlive a change no purge announced.
NASHRA_CACHE_STALENESS = int(os.environ.get("NASHRA_CACHE_STALENESS", "600"))
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

# Content-Security-Policy: no inline script or style on the public site but the few bytes that set
# the reader's theme before the first paint and the lite edition's style (nashra/core/inline.py).
# The Wagtail admin relies on inline script and is left to its own defences.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, THEME_SCRIPT_SOURCE],
        "style-src": [SELF, LITE_STYLE_SOURCE],
        "img-src": [SELF, "data:", *media_origins(os.environ), *env_list("CSP_IMG_SRC")],
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

# Old browsers, which know no frame-ancestors, let nobody frame a page; the CSP above lets the
# site's own admin frame its previews.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail runs its index updates as tasks and reports each one; that is noise here, as is
    # django-axes' account of every sign-in (its failures and lockouts are warnings).
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Passkeys (nashra/accounts): WebAuthn through django-otp-webauthn, a second step beside the
# authenticator app, never in place of the password. A passkey belongs to one domain, the
# relying party (RP) id: by default the first host name in ALLOWED_HOSTS, else "localhost".
# Changing it later leaves every registered passkey unusable. The origins are the exact
# scheme, host and port the admin is opened at: by default https:// on the RP id, or
# http://localhost:$PORT in development (browsers allow passkeys on no other plain-http address).
OTP_WEBAUTHN_RP_ID = os.environ.get("NASHRA_WEBAUTHN_RP_ID") or next(
    (
        host.lstrip(".")
        for host in ALLOWED_HOSTS
        if host != "*" and not host.startswith("[") and not host.replace(".", "").isdigit()
    ),
    "localhost",
)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("NASHRA_WEBAUTHN_ORIGINS") or (
    [f"http://localhost:{os.environ.get('PORT', '8000')}"]
    if OTP_WEBAUTHN_RP_ID == "localhost"
    else [f"https://{OTP_WEBAUTHN_RP_ID}"]
)
# The name browsers show when a passkey is made.
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# A passkey opens no account without its password (nashra/accounts/passkeys.py refuses it too).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# A refused passkey is logged as a warning with its reason (passkeys.py), not as an error
# with a traceback by the package.
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""
