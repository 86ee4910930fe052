import factory

from nashra.core.tests.factories import TranslatableFactory
from nashra.people.models import Author


class AuthorFactory(TranslatableFactory):
    """An author of one edition (``language``, English by default); the slug comes from the name."""

    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
