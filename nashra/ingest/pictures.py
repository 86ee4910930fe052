"""Pictures of a wire item: local files become library images, web addresses are only noted."""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.utils.file import hash_filelike

from .errors import IngestError


@dataclass
class ArticlePicture:
    image: object
    caption: str
    credit: str


def import_pictures(item, base_dir, stored_files, root=None):
    """Return (library pictures, remote media records) for an item's picture associations.

    Local pictures are read only from under ``root`` (by default ``base_dir``, the ninjs
    file's own folder): a wire feed names its pictures, and a path naming any other file on
    the server would publish it. Every local path is checked before any file is stored.
    Every file written to storage is appended to stored_files, so that a caller whose
    transaction fails can remove it again.
    """
    root = Path(root or base_dir).resolve()
    located = [
        (picture, None if picture.is_remote else picture_file(picture.href, base_dir, root))
        for picture in item.pictures
    ]
    pictures, remote_media = [], []
    for picture, path in located:
        if path is None:
            # Never fetched: an editor decides whether the picture may be used.
            remote_media.append(
                {
                    "href": picture.href,
                    "caption": picture.caption,
                    "credit": picture.credit,
                    "uri": picture.uri,
                }
            )
        else:
            image = _library_image(picture, item, path, stored_files)
            pictures.append(ArticlePicture(image, picture.caption[:500], picture.credit[:255]))
    return pictures, remote_media


def picture_file(href, base_dir, root):
    """Return the file a local href names, relative to base_dir and inside root.

    Refused, with an IngestError: an absolute path (so any ``file:`` URL but a relative
    one), a path that leads out of root by ``..`` or a symbolic link, and a missing file.
    """
    parts = urlsplit(href)
    name = url2pathname(parts.path) if parts.scheme.lower() == "file" else href
    if parts.netloc or Path(name).is_absolute():
        raise IngestError(
            _("picture “%(href)s” is an absolute path; name pictures relative to the ninjs file")
            % {"href": href}
        )
    try:
        path = (Path(base_dir) / name).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a NUL byte
        raise IngestError(
            _("picture “%(href)s” is not a usable path (%(error)s)")
            % {"href": href, "error": error}
        ) from error
    if not path.is_relative_to(root):
        raise IngestError(
            _("picture “%(href)s” is outside the folder %(root)s, where pictures are read from")
            % {"href": href, "root": root}
        )
    if not path.is_file():
        raise IngestError(_("picture file not found: %(path)s") % {"path": path})
    return path


def _library_image(picture, item, path, stored_files):
    image_model = get_image_model()
    wire_uri = (picture.uri or str(path))[:1000]
    existing = image_model.objects.filter(wire_uri=wire_uri).order_by("pk").first()
    if existing is not None:
        return existing
    check_image(path)
    image = image_model(
        title=(picture.caption or picture.headline or item.headline)[:255],
        caption=picture.caption[:500],
        credit=picture.credit[:255],
        wire_uri=wire_uri,
    )
    with path.open("rb") as file:
        image.file_size = path.stat().st_size
        image.file_hash = hash_filelike(file)
        file.seek(0)
        image.file.save(path.name, ImageFile(file), save=False)
    stored_files.append((image.file.storage, image.file.name))
    image.save()
    return image


def check_image(path):
    extensions = get_allowed_image_extensions()
    if path.suffix.lower().lstrip(".") not in extensions:
        raise IngestError(
            _("%(path)s is not a picture file the image library accepts (%(extensions)s)")
            % {"path": path, "extensions": ", ".join(extensions)}
        )
    try:
        with PILImage.open(path) as picture:
            picture.verify()
    except Exception as error:  # Pillow raises many kinds of error for a broken file
        raise IngestError(
            _("%(path)s is not a readable picture (%(error)s)") % {"path": path, "error": error}
        ) from error
