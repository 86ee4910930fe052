"""A WordPress export's pictures, into the image library: from the uploads folder, or fetched.

Pictures are read from ``--media-dir`` (a copy of wp-content/uploads) by the attachment's
``_wp_attached_file``; only with ``--fetch-media`` are they downloaded, and then only from the
hosts allowed, within a size and a time limit, following at most a few redirects that stay
on allowed hosts. Each picture is imported once, found again by its attachment id.
"""

import contextlib
import re
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import requests
from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import hash_filelike

from ..errors import IngestError
from ..pictures import check_image, picture_file

SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")  # boats-300x225.jpg is boats.jpg resized
MAX_REDIRECTS = 3


def _key(url):
    """Return a picture URL's path without its size suffix, to match resized copies."""
    return SIZED.sub("", unquote(urlsplit(url).path)).lower()


class MediaLibrary:
    """Find or import the picture an attachment id or a URL names; remember what was stored."""

    def __init__(self, origin, attachments, *, media_dir=None, fetch=False, hosts=()):
        self.origin = origin
        self.attachments = attachments
        self.by_url = {_key(a.attachment_url): a for a in attachments.values() if a.attachment_url}
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.fetch = fetch
        self.hosts = {host.lower() for host in hosts}
        self.stored_files = []
        self.problems = []  # (attachment label, message): shown in the report, not fatal
        self._images = {}

    def image(self, attachment_id=0, url=""):
        """Return the library image for an attachment id or a picture URL, or None."""
        attachment = self.attachments.get(attachment_id) or (url and self.by_url.get(_key(url)))
        if attachment:
            return self.attachment_image(attachment)
        if url and self.fetch:
            return self._cached(url, lambda: self._import(url, url, title="", caption="", alt=""))
        return None

    def attachment_image(self, attachment):
        def build():
            return self._import(
                f"{self.origin}attachment/{attachment.id}",
                attachment.attachment_url,
                relative=attachment.meta.get("_wp_attached_file", ""),
                title=attachment.title,
                caption=attachment.excerpt,
                alt=attachment.meta.get("_wp_attachment_image_alt", ""),
            )

        return self._cached(attachment.id, build)

    def images_attached_to(self, post_id):
        """Return the images attached to a post, for a [gallery] that names no ids."""
        children = [a for a in self.attachments.values() if a.parent == post_id]
        return [image for a in children if (image := self.attachment_image(a))]

    def _cached(self, key, build):
        if key not in self._images:
            try:
                self._images[key] = build()
            except IngestError as error:
                self.problems.append((str(key), str(error)))
                self._images[key] = None
        return self._images[key]

    def _import(self, uri, url, *, relative="", title, caption, alt):
        image_model = get_image_model()
        existing = image_model.objects.filter(wire_uri=uri[:1000]).order_by("pk").first()
        if existing is not None:
            return existing
        name = Path(unquote(urlsplit(url).path)).name or Path(relative).name or "picture"
        if self.media_dir and relative:
            try:
                path = picture_file(relative, self.media_dir, self.media_dir)
            except IngestError:
                path = None
            if path is not None:
                return self._store(uri, path, path.name, title, caption, alt)
        if not self.fetch:
            raise IngestError(
                _("picture %(url)s is not in the media folder; give --media-dir, or --fetch-media")
                % {"url": url or relative}
            )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / (re.sub(r"[^\w.-]", "_", name)[-100:] or "picture")
            self._download(url, path)
            return self._store(uri, path, name, title, caption, alt)

    def _store(self, uri, path, name, title, caption, alt):
        check_image(path)
        image = get_image_model()(
            title=(title or caption or Path(name).stem)[:255],
            caption=caption[:500],
            description=alt[:255],
            wire_uri=uri[:1000],
        )
        with path.open("rb") as file:
            image.file_size = path.stat().st_size
            image.file_hash = hash_filelike(file)
            file.seek(0)
            image.file.save(name, ImageFile(file), save=False)
        self.stored_files.append((image.file.storage, image.file.name))
        image.save()
        return image

    def _download(self, url, path):
        limit = settings.NASHRA_IMPORT_MEDIA_MAX_BYTES
        timeout = settings.NASHRA_IMPORT_MEDIA_TIMEOUT
        deadline = time.monotonic() + timeout
        for _hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or (parts.hostname or "") not in self.hosts:
                raise IngestError(
                    _("picture %(url)s is not on an allowed host (%(hosts)s)")
                    % {"url": url, "hosts": ", ".join(sorted(self.hosts)) or "-"}
                )
            try:
                response = requests.get(
                    url,
                    stream=True,
                    allow_redirects=False,
                    timeout=min(10, timeout),
                    headers={"User-Agent": "Nashra import_wordpress"},
                )
            except requests.RequestException as error:
                raise IngestError(
                    _("picture %(url)s could not be fetched (%(error)s)")
                    % {"url": url, "error": error.__class__.__name__}
                ) from error
            with response:
                if response.is_redirect and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                if response.status_code != 200:
                    raise IngestError(
                        _("picture %(url)s: the server answered %(status)d")
                        % {"url": url, "status": response.status_code}
                    )
                size = 0
                with path.open("wb") as file:
                    for chunk in response.iter_content(64 * 1024):
                        size += len(chunk)
                        if size > limit:
                            raise IngestError(
                                _("picture %(url)s is larger than %(limit)d bytes")
                                % {"url": url, "limit": limit}
                            )
                        if time.monotonic() > deadline:
                            raise IngestError(
                                _("picture %(url)s took longer than %(seconds)d seconds")
                                % {"url": url, "seconds": timeout}
                            )
                        file.write(chunk)
                return
        raise IngestError(_("picture %(url)s: too many redirects") % {"url": url})

    def delete_stored(self):
        for storage, name in self.stored_files:
            with contextlib.suppress(OSError):
                storage.delete(name)
        self.stored_files.clear()
