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
    # Wagtail's password reset, limited per address (nashra/accounts), on Wagtail's own path.
    path("admin/", include("nashra.accounts.urls")),
    # Passkeys' WebAuthn ceremonies (django-otp-webauthn's views, as nashra/accounts runs them).
    path("admin/passkeys/", include("nashra.accounts.passkey_urls")),
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
urlpatterns += i18n_patterns(
    # The low-bandwidth edition, /ar/lite/… and /en/lite/… (nashra/lite), before Wagtail's pages.
    path("lite/", include("nashra.lite.urls")),
    # The edition as IPTC ninjs for apps and partners (nashra/syndication).
    path("ninjs/", include("nashra.syndication.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Django's error views, safe from a broken form body (nashra/core/errors.py).
handler400 = "nashra.core.errors.bad_request"
handler403 = "nashra.core.errors.permission_denied"
handler404 = "nashra.core.errors.page_not_found"
