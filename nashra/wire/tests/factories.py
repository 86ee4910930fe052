"""Partner feeds and wire items, in an edition (``language``, English by default)."""

import factory
from django.utils import timezone

from nashra.core.tests.factories import locale_of
from nashra.wire.models import PartnerFeed, WireItem, WireItemSource
from nashra.wire.text import content_hash, guid_key, link_key


class PartnerFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerFeed

    class Params:
        language = "en"

    name = factory.Sequence(lambda n: f"Partner {n}")
    url = factory.Sequence(lambda n: f"https://partner{n}.example/feed.xml")
    locale = factory.LazyAttribute(lambda o: locale_of(o.language))


class WireItemFactory(factory.django.DjangoModelFactory):
    """An item in the inbox, delivered by ``feed`` (a new partner feed of its edition)."""

    class Meta:
        model = WireItem
        skip_postgeneration_save = True

    class Params:
        language_code = "en"

    guid = factory.Sequence(lambda n: f"urn:test:item:{n}")
    title = factory.Sequence(lambda n: f"Wire story {n}")
    link = factory.LazyAttribute(lambda o: f"https://partner.example/{o.guid.rsplit(':', 1)[1]}")
    summary = factory.LazyAttribute(lambda o: f"The summary of {o.title}.")
    body = factory.LazyAttribute(lambda o: f"<p>The body of {o.title}.</p>")
    language = factory.LazyAttribute(lambda o: o.language_code)
    locale = factory.LazyAttribute(lambda o: locale_of(o.language_code))
    content_hash = factory.LazyAttribute(lambda o: content_hash(o.title, o.body, o.guid))
    received_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def feed(item, create, extracted, **kwargs):
        feed = extracted or PartnerFeedFactory(locale=item.locale, enabled=False)
        WireItemSource.objects.create(
            item=item,
            feed=feed,
            guid=item.guid,
            guid_key=guid_key(item.guid),
            link=item.link,
            link_key=link_key(item.link),
        )
