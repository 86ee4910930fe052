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


def import_pictures(item, base_dir, stored_files):
    """Return (library pictures, remote media records) for an item's picture associations.

    Every file written to storage is appended to stored_files, so that a caller whose
    transaction fails can remove it again.
    """
    pictures, remote_media = [], []
    for picture in item.pictures:
        if picture.is_remote:
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
            image = _library_image(picture, item, Path(base_dir), stored_files)
            pictures.append(ArticlePicture(image, picture.caption[:500], picture.credit[:255]))
    return pictures, remote_media


def local_path(href, base_dir):
    """Return the file a local href means: relative to the ninjs file, absolute, or file: URL."""
    parts = urlsplit(href)
    path = Path(url2pathname(parts.path) if parts.scheme.lower() == "file" else href)
    return (Path(base_dir) / path).resolve() if not path.is_absolute() else path.resolve()


def _library_image(picture, item, base_dir, stored_files):
    path = local_path(picture.href, base_dir)
    if not path.is_file():
        raise IngestError(_("picture file not found: %(path)s") % {"path": path})
    image_model = get_image_model()
    wire_uri = (picture.uri or str(path))[:1000]
    existing = image_model.objects.filter(wire_uri=wire_uri).order_by("pk").first()
    if existing is not None:
        return existing
    _check_image(path)
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


def _check_image(path):
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
