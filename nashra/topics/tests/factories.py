import factory

from nashra.core.tests.factories import TranslatableFactory
from nashra.topics.models import Topic


class TopicFactory(TranslatableFactory):
    """A topic of one edition (``language``, English by default); its slug comes from its name."""

    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
