"""Security headers on every response: public pages, the admin, documents and static files.

Django's SecurityMiddleware gives ``X-Content-Type-Options`` and ``Referrer-Policy``,
django-csp the public site's Content-Security-Policy and Django's clickjacking middleware
``X-Frame-Options``. This adds what they leave out: a ``Permissions-Policy`` that turns off
the browser features no page here uses, and a Content-Security-Policy for the Wagtail admin,
which django-csp leaves alone because the admin needs inline script. Placed right after
SecurityMiddleware (before WhiteNoise), so static files get them too, with a policy that
allows nothing.
"""

from django.conf import settings

# Features no page of Nashra uses; an embedded video may still go full screen.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# What a response no one else gave a policy gets (static files served by WhiteNoise): it
# loads nothing, runs nothing and is framed by no one, should it ever be opened as a page.
NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'"


def admin_policy():
    """The admin's Content-Security-Policy: Wagtail's inline scripts and styles are allowed,
    nothing is loaded or framed from elsewhere (embeds' previews and a CDN for images aside),
    no plugin, no form posting away, no framing by another site.
    """
    public = settings.CONTENT_SECURITY_POLICY.get("DIRECTIVES", {})
    # Where the public site may load images and embeds from (a CDN, video players).
    images = " ".join(s for s in public.get("img-src", []) if s not in ("'self'", "data:"))
    frames = " ".join(s for s in public.get("frame-src", []) if s != "'self'")
    directives = {
        "default-src": "'self'",
        "script-src": "'self' 'unsafe-inline'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": f"'self' data: blob: {images}".strip(),
        "media-src": "'self' blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "worker-src": "'self' blob:",
        "frame-src": f"'self' {frames}".strip(),
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",  # the admin frames its own previews
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_csp = admin_policy()

    def __call__(self, request):
        response = self.get_response(request)
        headers = response.headers
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.startswith(ADMIN_PREFIXES):
            headers.setdefault("Content-Security-Policy", self.admin_csp)
        headers.setdefault("Content-Security-Policy", NOTHING_POLICY)
        headers.setdefault("X-Frame-Options", "DENY")
        return response
