"""Articles as IPTC ninjs 2.1 documents, in a fixed number of queries however many there are.

What each field holds, and why (the README's "ninjs for partners" says it for partners):

- ``uri`` is the item's own address in this API, ``https://<site>/<lang>/ninjs/items/<id>/``:
  stable through a new slug, a move to another section or a new headline, and it can be
  fetched. An imported article keeps its wire uri in ``altids`` (role ``wire``), never as
  its ``uri``: what we publish is our edit of the wire copy, not the agency's item.
- ``versioncreated`` is the last *significant* update readers see ("Updated …"), else the
  publication; ``version`` changes with every publish and every correction.
- ``subjects`` are the topics, each ``urn:uuid:<translation key>``: the same uri in both
  editions (#Iraq, #العراق), which is how ``import_ninjs`` links topics as translations.
- ``by`` and ``people`` (``rel: "author"``) name the authors; ``infosources`` the sources.
- ``ednote`` carries the public corrections; a retraction makes ``pubstatus`` "canceled".
- ``renditions`` is the web page itself (``text/html``, the canonical address); the hero
  image is the ``featureimage`` association with its renditions; each live, public
  translation is a ``translation`` association with its own uri and web page.
"""

import mimetypes
from datetime import UTC
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _

from nashra.caching import tags
from nashra.core import privacy
from nashra.corrections.models import Correction
from nashra.news.models import ArticlePage

from . import addresses
from .bodies import bodies

SCHEMA_URL = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"
STANDARD = {"name": "ninjs", "version": "2.1", "schema": SCHEMA_URL}
HERO_FILTERS = ("width-480", "width-800", "width-1200")  # the article page's own sizes


def for_documents(articles):
    """Return a queryset of articles with everything their documents show fetched up front."""
    return articles.for_listing().prefetch_related(
        "topics",
        "authors",
        "sources",
        Prefetch("corrections", queryset=Correction.objects.order_by("date", "pk")),
    )


class ItemContext:
    """What every document of one response shares: the edition, its addresses, the request."""

    def __init__(self, request, edition):
        self.request = request
        self.edition = edition
        self.language = edition.language_code
        _site_id, self.root_url, self.home_path = edition.home.get_url_parts(request)
        self.base_url = self.root_url + "/"

    def url(self, path):
        return iri_to_uri(self.root_url + path)

    def item_uri(self, language_code, page_id):
        return self.url(addresses.item_path(language_code, page_id))

    def route_url(self, name, slug):
        """Return the site page of a topic or author (a route of the edition's home)."""
        return self.url(self.home_path + self.edition.home.reverse_subpage(name, args=[slug]))


def documents(context, articles):
    """Return the ninjs document of each article, and note each on the response's cache tags."""
    articles = list(articles)
    tags.add(context.request, *(tags.article_tag(article.pk) for article in articles))
    rendered = bodies(articles, context.base_url)
    translations = _translations(context, articles)
    return [
        _document(context, article, rendered[article.pk], translations.get(article.pk, []))
        for article in articles
    ]


def _iso(moment):
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _text(value, role="main"):
    return [{"role": role, "contenttype": "text/plain", "value": value}]


def _document(context, article, body, translations):
    corrections = list(article.corrections.all())
    published = article.published_at
    updated = max(article.updated_at or published, published)
    version = str(article.live_revision_id or 0)
    if corrections:
        version += f".{len(corrections)}"
    retracted = any(item.kind == Correction.Kind.RETRACTION for item in corrections)
    authors = list(article.authors.all())
    page_url = context.url(article.get_url_parts(context.request)[2])
    document = {
        "uri": context.item_uri(context.language, article.pk),
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full",
        "version": version,
        "firstcreated": _iso(published),
        "versioncreated": _iso(updated),
        "pubstatus": "canceled" if retracted else "usable",
        "language": context.language,
        "slugline": article.slug,
        "headlines": _text(article.title),
        "descriptions": _text(article.lead, role="summary"),
        "bodies": [{"role": "main", "contenttype": "text/html", **body}],
        "subjects": [
            {"name": topic.name, "uri": f"urn:uuid:{topic.translation_key}", "literal": topic.slug}
            for topic in article.topics.all()
        ],
        "people": [
            {
                "name": author.name,
                "rel": "author",
                "uri": context.route_url("author", author.slug),
                "literal": author.slug,
            }
            for author in authors
        ],
        "infosources": [_infosource(source) for source in article.sources.all()],
        "genres": [{"name": article.get_type_of_work_display(), "literal": article.type_of_work}],
        "altids": _altids(article),
        "renditions": [_web_page(page_url, article.title)],
        "associations": [*_hero(context, article), *translations],
    }
    if context.edition.settings.copyright_holder:
        document["copyrightnotice"] = f"© {context.edition.settings.copyright_holder}"
    if authors:
        # Each language's own comma, which import_ninjs splits on; never "and" or "و".
        comma = "، " if context.language == "ar" else ", "
        document["by"] = comma.join(author.name for author in authors)
    if corrections:
        document["ednote"] = "\n\n".join(_correction(item) for item in corrections)
    return document


def _infosource(source):
    entry = {"name": source.name}
    if source.url:
        entry["uri"] = iri_to_uri(source.url)
    return entry


def _altids(article):
    ids = [{"role": "translationkey", "value": str(article.translation_key)}]
    if article.wire_uri:
        ids.append({"role": "wire", "value": article.wire_uri})
    return ids


def _web_page(url, title):
    return {"name": "web", "href": url, "contenttype": "text/html", "title": title}


def _correction(correction):
    return _("%(kind)s, %(date)s: %(text)s") % {
        "kind": correction.get_kind_display(),
        "date": timezone.localdate(correction.date).isoformat(),
        "text": correction.text,
    }


def _hero(context, article):
    """The hero image as a picture association with one rendition per size; [] without one."""
    image = article.hero_image
    if image is None:
        return []
    renditions = image.get_renditions(*HERO_FILTERS)
    association = {
        "name": "featureimage",
        "uri": f"urn:nashra:image:{image.pk}",
        "type": "picture",
        "renditions": [
            {
                "name": spec,
                "href": iri_to_uri(urljoin(context.base_url, renditions[spec].url)),
                "contenttype": mimetypes.guess_type(renditions[spec].file.name)[0] or "image/jpeg",
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for spec in HERO_FILTERS
        ],
    }
    descriptions = []
    if article.hero_caption_text:
        descriptions += _text(article.hero_caption_text, role="caption")
    if article.hero_credit_text:
        descriptions += _text(article.hero_credit_text, role="creditline")
    if descriptions:
        association["descriptions"] = descriptions
    return [association]


def _translations(context, articles):
    """Return {article pk: [translation associations]}: live, public counterparts, one query."""
    keys = {article.translation_key: article.pk for article in articles}
    if not keys:
        return {}
    editions = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        edition = addresses.edition_of_language(code)
        if edition is not None and code != context.language:
            editions[edition.locale.pk] = edition
    others = (
        ArticlePage.objects.live()
        .filter(privacy.public_q())
        .filter(translation_key__in=keys, locale_id__in=editions)
        .only("pk", "title", "url_path", "path", "locale_id", "translation_key")
        .order_by("path")
    )
    found = {}
    for other in others:
        edition = editions[other.locale_id]
        if not other.path.startswith(edition.home.path):
            continue
        parts = other.get_url_parts(context.request)
        if parts is None or parts[2] is None:
            continue
        language = edition.language_code
        found.setdefault(keys[other.translation_key], []).append(
            {
                "name": "translation",
                "uri": context.item_uri(language, other.pk),
                "type": "text",
                "language": language,
                "headlines": _text(other.title),
                "renditions": [_web_page(iri_to_uri(parts[1] + parts[2]), other.title)],
            }
        )
    return found
