from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .media import GalleryBlock, ImageFigureBlock, VideoEmbedBlock
from .text import QuoteBlock, SubheadingBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ArticleStoryBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="blocks/paragraph_block.html"
    )
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    image = ImageFigureBlock()
    gallery = GalleryBlock()
    video = VideoEmbedBlock()


class StandardPageStoryBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="blocks/paragraph_block.html"
    )
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    image = ImageFigureBlock()
