"""Production: refuses to start without its secrets or a mail backend that delivers, and
passes `check --deploy`."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

# Password-reset links travel by mail: a backend that prints, files or drops mail would leave
# them in the log or nowhere. Refused here, at import, as gunicorn runs no system checks.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "")
if not EMAIL_BACKEND or EMAIL_BACKEND in {
    f"django.core.mail.backends.{name}.EmailBackend"
    for name in ("console", "filebased", "locmem", "dummy")
}:
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be set in the environment for production to a backend that "
        "delivers mail, e.g. django.core.mail.backends.smtp.EmailBackend (with EMAIL_HOST…); "
        "the console, file, locmem and dummy backends would leave password-reset links in "
        "the log or nowhere."
    )

# Each worker keeps its database connection between requests (opening one costs a
# PostgreSQL request several milliseconds) and checks it before reusing it, so a connection
# the database closed is replaced rather than failing a reader's request.
DATABASES["default"]["CONN_MAX_AGE"] = int(  # noqa: F405
    os.environ.get("DATABASE_CONN_MAX_AGE", "60")
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Staff pass a second step after their password unless this is turned off.
NASHRA_REQUIRE_2FA = env_bool("NASHRA_REQUIRE_2FA", True)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS is normally ended by the proxy in front; it tells us the scheme with this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
