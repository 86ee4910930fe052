import factory

from nashra.core.tests.factories import TranslatableFactory
from nashra.sources.models import Source


class SourceFactory(TranslatableFactory):
    """A source of one edition (``language``, English by default)."""

    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
