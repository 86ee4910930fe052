"""Stock Wagtail's WSGI application, for `make bench`'s baseline (nashra.settings.baseline)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.baseline")

application = get_wsgi_application()
