import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.production")

from nashra.caching.wsgi import PageCacheApplication

# Page cache hits are answered before Django builds a request (nashra/caching/wsgi.py).
application = PageCacheApplication(get_wsgi_application())
