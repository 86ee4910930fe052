import factory

from nashra.core.tests.factories import PageFactory, english_home
from nashra.pages.models import ContactPage, StandardPage


class StandardPageFactory(PageFactory):
    """A published standard page (About us…) below an edition's home, the English by default."""

    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(english_home)
    title = factory.Sequence(lambda n: f"Page {n}")


class ContactPageFactory(PageFactory):
    class Meta:
        model = ContactPage

    parent = factory.LazyFunction(english_home)
    title = "Contact us"
    slug = "contact"
