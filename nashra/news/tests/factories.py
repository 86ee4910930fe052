"""Sections and articles, built in the page tree and published as an editor would."""

import datetime

import factory
from django.utils import timezone

from nashra.core.tests.factories import PageFactory, english_home
from nashra.home.models import HomePage
from nashra.news.models import ArticlePage, SectionPage
from nashra.news.translations import link_translation


class SectionPageFactory(PageFactory):
    """A section below an edition's home (by default the English one) or another section."""

    class Meta:
        model = SectionPage

    parent = factory.LazyFunction(english_home)
    title = factory.Sequence(lambda n: f"Section {n}")
    # As get_or_create_section does: the sections right below a home are the edition's menu.
    show_in_menus = factory.LazyAttribute(lambda o: o.parent.specific_class is HomePage)


def english_news():
    """The English edition's "News" section, created if no test made it."""
    from nashra.home.services import get_or_create_section

    return get_or_create_section(english_home(), "news", "News")[0]


class ArticlePageFactory(PageFactory):
    """A published article (an hour old) in ``parent``, by default the English "News".

    ``topics``, ``sources`` and ``authors`` take lists; ``translation_of`` links the new
    article to its original in the other edition, as the "link translation" action does.
    """

    class Meta:
        model = ArticlePage

    parent = factory.LazyFunction(english_news)
    title = factory.Sequence(lambda n: f"Article {n}")
    lead = factory.LazyAttribute(lambda o: f"The lead of {o.title}.")
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    @classmethod
    def _create(cls, model_class, *args, translation_of=None, **kwargs):
        article = super()._create(model_class, *args, **kwargs)
        if translation_of is not None:
            link_translation(article, translation_of)
            article.refresh_from_db()
        return article
