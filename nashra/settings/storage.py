"""Where uploaded media live: this machine's disk, or an S3-compatible bucket when the
environment names one (``AWS_STORAGE_BUCKET_NAME``). Several application servers need the
bucket: an image uploaded through one must be there for the others to render.

Read by base.py only; nothing else chooses a storage. In the bucket, under ``AWS_LOCATION``:

- ``images/``: renditions, the only files readers fetch. Their URLs are plain, without a
  query-string signature, so a page is the same for every reader and every cache may keep
  it. The bucket's policy lets anyone read this prefix (README, "More than one machine").
- ``original_images/``: uploads as the photographer sent them, EXIF and GPS included. Only
  the application reads them, to make renditions.
- ``documents/``: served only through Wagtail's view (``WAGTAILDOCS_SERVE_METHOD =
  "serve_view"`` in base.py), which checks a private collection's restriction and then reads
  the file with the application's credentials; Wagtail would otherwise redirect to the
  bucket, where a link outlives the restriction.

Credentials are never copied into the settings: boto3 reads ``AWS_ACCESS_KEY_ID`` and
``AWS_SECRET_ACCESS_KEY`` from the environment itself (or uses the machine's role).
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"
# Variables that mean something only with a bucket: set without one, media would quietly
# stay on one machine's disk.
BUCKET_ONLY = ("AWS_S3_ENDPOINT_URL", "AWS_S3_CUSTOM_DOMAIN", "AWS_LOCATION", "AWS_S3_REGION_NAME")
# S3's rules for a bucket name that works in a host name and a path alike.
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
# A rendition's name can come back with other pixels once its image is deleted and a file of
# the same name uploaded, so browsers and CDNs revalidate after a day rather than a year.
CACHE_CONTROL = "public, max-age=86400"


def _value(environ, name):
    return (environ.get(name) or "").strip()


def media_storage(environ):
    """Return ``STORAGES["default"]``: S3 when ``AWS_STORAGE_BUCKET_NAME`` is set, else local files.

    Raise ImproperlyConfigured for a combination that would store media somewhere other
    than where the rest of the environment says.
    """
    bucket = _value(environ, "AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        stray = [name for name in BUCKET_ONLY if _value(environ, name)]
        if stray:
            raise ImproperlyConfigured(
                f"{', '.join(stray)} set without AWS_STORAGE_BUCKET_NAME: set the bucket to keep "
                "media in object storage, or unset them to keep media on this machine's disk."
            )
        return dict(LOCAL)
    if not BUCKET_NAME.match(bucket) or ".." in bucket:
        raise ImproperlyConfigured(
            f"AWS_STORAGE_BUCKET_NAME {bucket!r} is not an S3 bucket name (3 to 63 lowercase "
            "letters, digits, dots and hyphens)."
        )
    if bool(_value(environ, "AWS_ACCESS_KEY_ID")) != bool(_value(environ, "AWS_SECRET_ACCESS_KEY")):
        raise ImproperlyConfigured(
            "Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (to use the "
            "machine's role)."
        )
    endpoint = _endpoint(environ)
    region = _value(environ, "AWS_S3_REGION_NAME")
    protocol, domain = _public_host(environ, bucket, endpoint, region)
    options = {
        "bucket_name": bucket,
        "location": _location(environ),
        # Every URL is built from this host, never signed: cacheable pages, and no request
        # to the storage while a page renders.
        "custom_domain": domain,
        "url_protocol": protocol,
        "querystring_auth": False,
        # Two uploads named photo.jpg stay two files (S3Storage would overwrite by default).
        "file_overwrite": False,
        # No ACL on objects: what the public may read is the bucket policy's business.
        "default_acl": None,
        "object_parameters": {
            "CacheControl": _value(environ, "AWS_S3_CACHE_CONTROL") or CACHE_CONTROL
        },
    }
    if endpoint:
        options["endpoint_url"] = endpoint
        # Buckets as paths work with every S3-compatible server, and with an IP address.
        options["addressing_style"] = "path"
    if region:
        options["region_name"] = region
    return {"BACKEND": S3, "OPTIONS": options}


def media_origins(environ):
    """Return the origins images are served from besides the site's own, for img-src."""
    storage = media_storage(environ)
    if storage["BACKEND"] != S3:
        return []
    options = storage["OPTIONS"]
    host = options["custom_domain"].split("/", 1)[0]
    return [f"{options['url_protocol']}//{host}"]


def _endpoint(environ):
    endpoint = _value(environ, "AWS_S3_ENDPOINT_URL").rstrip("/")
    if not endpoint:
        return ""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.path:
        raise ImproperlyConfigured(
            f"AWS_S3_ENDPOINT_URL {endpoint!r} is not the address of an S3 server, e.g. "
            "https://s3.example.net or http://127.0.0.1:9000."
        )
    return endpoint


def _public_host(environ, bucket, endpoint, region):
    """Return (scheme with colon, host and path) that media URLs start with."""
    custom = _value(environ, "AWS_S3_CUSTOM_DOMAIN").rstrip("/")
    if custom:
        parts = urlsplit(custom if "://" in custom else f"https://{custom}")
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
            raise ImproperlyConfigured(
                f"AWS_S3_CUSTOM_DOMAIN {custom!r} is not a host (and optional path) media can "
                "be served from, e.g. media.example.org or https://cdn.example.org/nashra."
            )
        return f"{parts.scheme}:", parts.netloc + parts.path
    if endpoint:
        parts = urlsplit(endpoint)
        return f"{parts.scheme}:", f"{parts.netloc}/{bucket}"
    if not region:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME on Amazon S3 needs AWS_S3_REGION_NAME (the bucket's "
            "region), or AWS_S3_CUSTOM_DOMAIN for the host media are served from, or "
            "AWS_S3_ENDPOINT_URL for another S3-compatible service."
        )
    if "." in bucket:  # no TLS certificate covers a dotted bucket as a subdomain
        return "https:", f"s3.{region}.amazonaws.com/{bucket}"
    return "https:", f"{bucket}.s3.{region}.amazonaws.com"


def _location(environ):
    location = _value(environ, "AWS_LOCATION").strip("/")
    if ".." in location.split("/") or "//" in location:
        raise ImproperlyConfigured(f"AWS_LOCATION {location!r} is not a key prefix like 'media'.")
    return location
