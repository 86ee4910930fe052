from django.db.models import Prefetch
from wagtail.models import PageManager, PageQuerySet


class ArticlePageQuerySet(PageQuerySet):
    def latest(self):
        """Return articles newest first, by the date readers see."""
        return self.order_by("-published_at", "-pk")

    def in_section(self, section):
        """Return articles anywhere below a section, its sub-sections included."""
        return self.descendant_of(section)

    def in_locale(self, locale):
        return self.filter(locale=locale)

    def for_listing(self):
        """Return articles with everything a teaser shows fetched up front, not one by one."""
        from nashra.core.models import NashraRendition

        return self.select_related("hero_image").prefetch_related(
            Prefetch("hero_image__renditions", queryset=NashraRendition.objects.all())
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)
