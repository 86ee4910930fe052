from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views import defaults
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # Admin views the newsroom holds to its scopes, on Wagtail's own paths (before them).
    path("admin/", include("nashra.core.reports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", include("nashra.scheduling.urls")),
    path("stats/", include("nashra.analytics.urls")),
    # sitemap.xml, the per-edition sitemaps and robots.txt sit at the root, outside the editions.
    path("", include("nashra.sitemaps.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    urlpatterns += [
        path("404/", defaults.page_not_found, {"exception": Exception("Not found")}),
        path("500/", defaults.server_error),
    ]

# Every public page lives under its edition's prefix: /ar/… and /en/….
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
