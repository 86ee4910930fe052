"""Development: debug on, a throwaway key, local hosts only."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# The demo signs in with a password alone; NASHRA_REQUIRE_2FA=on shows the second step.
NASHRA_REQUIRE_2FA = env_bool("NASHRA_REQUIRE_2FA", False)
# A partner feed served from this machine (a test feed) may be polled in development.
NASHRA_WIRE_ALLOW_PRIVATE_HOSTS = env_bool("NASHRA_WIRE_ALLOW_PRIVATE_HOSTS", True)

# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# The demo content, the benchmark archive and its stock-Wagtail baseline: never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "nashra.demo", "nashra.baseline"]  # noqa: F405
