import factory

from nashra.core.tests.factories import PageFactory, english_home
from nashra.corrections.models import Correction, CorrectionsPage
from nashra.corrections.services import add_correction
from nashra.news.tests.factories import ArticlePageFactory


class CorrectionsPageFactory(PageFactory):
    """An edition's published corrections page, at corrections/ below its home."""

    class Meta:
        model = CorrectionsPage

    parent = factory.LazyFunction(english_home)
    title = "Corrections"
    slug = "corrections"
    intro = "What we got wrong."


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A correction added as the newsroom adds one (add_correction): logged, with a revision."""

    class Meta:
        model = Correction

    article = factory.SubFactory(ArticlePageFactory)
    kind = Correction.Kind.CORRECTION
    text = "An earlier version erred."
    date = None  # now
    user = None

    @classmethod
    def _create(cls, model_class, *, article, kind, text, date=None, user=None):
        return add_correction(article, kind, text, user=user, date=date)
