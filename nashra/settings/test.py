"""Tests: fast hashing, in-memory media and cache, mail kept in memory."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
# The demo and the benchmark archive are tested too (dev settings install them; production not).
INSTALLED_APPS = [*INSTALLED_APPS, "nashra.demo", "nashra.baseline"]  # noqa: F405
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Client.login() authenticates without a request, which django-axes refuses; this backend lets
# it through unchecked (every sign-in through a page is still checked). nashra/accounts' tests
# turn the second step on where they need it.
AUTHENTICATION_BACKENDS = [
    "nashra.accounts.tests.backends.ClientLoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
NASHRA_REQUIRE_2FA = False
# The wire desk's tests serve feeds from 127.0.0.1; the address guard's tests turn this off.
NASHRA_WIRE_ALLOW_PRIVATE_HOSTS = True
# The tests' PostgreSQL database need not outlive a crash: no commit waits for the disk.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="nashra-test-media-"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "r"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
    "pages_adhoc": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
    "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "c"},
}
# Tests see every change at once; the page cache's own tests turn it on.
NASHRA_PAGE_CACHE = False
# One process: no need for the file that carries purges across processes (tested on its own).
NASHRA_PAGE_CACHE_EPOCH_FILE = None
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="nashra-test-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A developer's AWS_* variables never send the tests' uploads to a real bucket.
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405
