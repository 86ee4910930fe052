"""Image uploads that refuse what would hurt the server, with a message and never a 500.

Wagtail checks an image's pixel count against ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``, but it asks
Pillow for the size, and Pillow refuses to even open an image over twice its own limit with
an exception Wagtail does not catch: a few hundred KB of PNG claiming 30,000 × 30,000 pixels
answered 500. Here that refusal becomes the form's usual "too many pixels" message.
"""

from django.core.exceptions import ValidationError
from PIL.Image import DecompressionBombError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class BoundedImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except DecompressionBombError as error:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": _claimed_pixels(error), "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            ) from error


def _claimed_pixels(error):
    # Pillow's message: "Image size (900000000 pixels) exceeds limit of …".
    words = str(error).replace("(", " ").split()
    return next((int(word) for word in words if word.isdigit()), "?")


class ImageForm(BaseImageForm):
    """The image form of the admin, its uploads and choosers (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, BoundedImageField):
            bounded = BoundedImageField(
                label=field.label, required=field.required, widget=field.widget
            )
            bounded.help_text = field.help_text
            self.fields["file"] = bounded
