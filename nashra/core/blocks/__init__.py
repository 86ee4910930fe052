from .media import GalleryBlock, ImageFigureBlock, VideoEmbedBlock
from .text import QuoteBlock, SubheadingBlock
from .story import ArticleStoryBlock, StandardPageStoryBlock

__all__ = [
    "ArticleStoryBlock",
    "GalleryBlock",
    "ImageFigureBlock",
    "QuoteBlock",
    "StandardPageStoryBlock",
    "SubheadingBlock",
    "VideoEmbedBlock",
]
