from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from nashra.core.blocks import ImageFigureBlock, QuoteBlock, VideoEmbedBlock
from nashra.core.blocks.story import PARAGRAPH_FEATURES


class LiveUpdateBlock(blocks.StreamBlock):
    """What one short update of a live page may hold: text, a quote, a picture, a video."""

    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="blocks/paragraph_block.html"
    )
    quote = QuoteBlock()
    image = ImageFigureBlock()
    video = VideoEmbedBlock()
