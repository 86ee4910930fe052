from django.db.models import Prefetch, prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images.models import AbstractImage
from wagtail.models import PageManager, PageQuerySet

from nashra.core import privacy
from nashra.core.models import NashraRendition


class ArticlePageQuerySet(PageQuerySet):
    def latest(self):
        """Return articles newest first, by the date readers see."""
        return self.order_by("-published_at", "-pk")

    def in_section(self, section):
        """Return articles anywhere below a section, its sub-sections included.

        By path alone: Wagtail's ``descendant_of`` also asks for a depth, and that leads
        SQLite to sort a whole section's articles instead of walking the date index.
        """
        return self.filter(path__startswith=section.path).exclude(pk=section.pk)

    def in_locale(self, locale):
        return self.filter(locale=locale)

    def public(self):
        """Return articles a reader may see: no view restriction on them or a page above.

        Every listing, feed, search, sitemap and link asks through here. Wagtail's own
        ``public()`` reads the restrictions on each call; these come from the cache.
        """
        return self.filter(privacy.public_q())

    def private_q(self):
        """Wagtail's ``private()`` and ``not_public()`` ask this: from the cache too."""
        return privacy.private_q()

    def for_listing(self):
        """Return articles with everything a teaser shows fetched up front, not one by one."""
        return self.select_related("hero_image").prefetch_related(
            Prefetch("hero_image__renditions", queryset=NashraRendition.objects.all())
        )

    def for_serving(self):
        """Return the article a reader opens with its hero image, fetched in the same query."""
        return self.select_related("hero_image")


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class SectionPageQuerySet(PageQuerySet):
    def at_path(self, home, slug_path):
        """Return the section at ``slug_path`` below an edition's home ("news/yemen"), or None.

        One query, whatever the depth: the address is the page's ``url_path``.
        """
        url_path = home.url_path + slug_path.strip("/") + "/"
        return self.filter(url_path=url_path, locale_id=home.locale_id).first()


SectionPageManager = PageManager.from_queryset(SectionPageQuerySet)


def images_in(value):
    """Yield every image in a block value: a stream, a struct, a list or an image itself."""
    if isinstance(value, AbstractImage):
        yield value
    elif isinstance(value, StreamValue):
        for block in value:
            yield from images_in(block.value)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from images_in(child)
    elif isinstance(value, ListValue | list | tuple):
        for child in value:
            yield from images_in(child)


def prefetch_renditions(images):
    """Fetch the renditions of all these images in one query; each lookup then costs none.

    Django's prefetch_related_objects leaves out the images whose renditions are prefetched
    already (by for_listing's Prefetch, or an earlier call), and Wagtail reads what it
    fetched; images from Wagtail's ``prefetch_renditions()`` carry them in an attribute.
    """
    images = [
        image
        for image in images
        if image is not None and not hasattr(image, "prefetched_renditions")
    ]
    if images:
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=NashraRendition.objects.all())
        )
