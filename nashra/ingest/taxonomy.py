"""Topics, authors and sources of a wire item, found or created in the article's edition."""

import uuid

from django.utils.text import slugify

from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic


def topic_translation_key(uri):
    """Return the translation key a subject uri stands for, the same in every edition.

    ``urn:uuid:<key>`` is a key itself: Nashra's own ninjs (nashra/syndication) names each
    topic so, and importing it again finds the same topic with its translations still linked.
    """
    if uri.lower().startswith("urn:uuid:"):
        try:
            return uuid.UUID(uri[len("urn:uuid:") :])
        except ValueError:
            pass
    return uuid.uuid5(uuid.NAMESPACE_URL, uri)


def topics_for(names, locale, uris=None):
    """Return a topic per name: an existing one of that name, slug or uri, else a new one.

    A subject uri links the topic to its translations: #العراق and #Iraq share
    urn:nashra:topic:iraq, so they get one translation key.
    """
    uris = uris or {}
    topics = []
    for name in names:
        name = name[:100]
        slug = slugify(name, allow_unicode=True)[:100].strip("-")
        if not slug:
            continue
        uri = uris.get(name.casefold())
        key = topic_translation_key(uri) if uri else None
        in_locale = Topic.objects.filter(locale=locale)
        topic = (
            (key and in_locale.filter(translation_key=key).first())
            or in_locale.filter(name__iexact=name).first()
            or in_locale.filter(slug=slug).first()
        )
        if topic is None:
            topic = Topic(locale=locale, name=name, slug=slug)
            if key:
                topic.translation_key = key
            topic.save()
        elif key and topic.translation_key != key and not in_locale.filter(translation_key=key):
            topic.translation_key = key
            topic.save(update_fields=["translation_key"])
        if topic not in topics:
            topics.append(topic)
    return topics


def authors_for(names, locale):
    """Return an author per name, created with a free slug when the edition has none by it."""
    authors = []
    for name in names:
        author = Author.objects.filter(locale=locale, name__iexact=name).first()
        if author is None:
            slug = _free_slug(Author, locale, slugify(name, allow_unicode=True)[:240] or "author")
            author = Author.objects.create(locale=locale, name=name, slug=slug)
        if author not in authors:
            authors.append(author)
    return authors


def sources_for(refs, locale):
    """Return a source per reference, matched by name; new ones are wire agencies."""
    sources = []
    for ref in refs:
        source = Source.objects.filter(locale=locale, name__iexact=ref.name).first()
        if source is None:
            url = ref.url if len(ref.url) <= Source._meta.get_field("url").max_length else ""
            source = Source.objects.create(
                locale=locale, name=ref.name, url=url, kind=Source.Kind.WIRE_AGENCY
            )
        if source not in sources:
            sources.append(source)
    return sources


def _free_slug(model, locale, slug):
    taken = set(
        model.objects.filter(locale=locale, slug__startswith=slug).values_list("slug", flat=True)
    )
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
