"""Tests: fast hashing, in-memory media and cache, mail kept in memory."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="nashra-test-media-"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
}
# Tests see every change at once; the page cache's own tests turn it on.
NASHRA_PAGE_CACHE = False
# One process: no need for the file that carries purges across processes (tested on its own).
NASHRA_PAGE_CACHE_EPOCH_FILE = None
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="nashra-test-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
