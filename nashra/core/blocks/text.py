from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Sub-heading")
        template = "blocks/subheading_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Block quote")
        template = "blocks/quote_block.html"
