from .media import GalleryBlock, ImageFigureBlock, VideoEmbedBlock
from .story import ArticleStoryBlock, StandardPageStoryBlock
from .text import QuoteBlock, SubheadingBlock

__all__ = [
    "ArticleStoryBlock",
    "GalleryBlock",
    "ImageFigureBlock",
    "QuoteBlock",
    "StandardPageStoryBlock",
    "SubheadingBlock",
    "VideoEmbedBlock",
]
