from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageFigureBlock(blocks.StructBlock):
    """An image with its caption and credit; empty caption or credit fall back to the image's."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=255)
    images = blocks.ListBlock(ImageFigureBlock(), label=_("Images"))

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery_block.html"

    def clean(self, value):
        value = super().clean(value)
        if len(value["images"]) < 2:
            raise ValidationError(_("A gallery needs at least two images."))
        return value


class VideoEmbedBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
