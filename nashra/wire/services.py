"""Taking a wire item: it becomes a draft article in a section, to go through review as usual.

Also the inbox's end of ``import_ninjs --inbox`` (registered in ``apps.py``): a ninjs item
goes into the inbox instead of becoming an article.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale

from nashra.core.permissions import ArticleScope, below_any
from nashra.ingest.errors import IngestError
from nashra.ingest.html import (
    first_sentences,
    html_to_blocks,
    html_to_text,
    sanitize,
    text_to_blocks,
)
from nashra.ingest.inbox import Delivered
from nashra.ingest.normalize import SourceRef
from nashra.ingest.taxonomy import authors_for, sources_for
from nashra.news.models import ArticlePage, SectionPage

from .intake import Delivery, Editions, receive
from .models import WireItem
from .parsing import primary_language, text_to_html

TAKE_ACTION = "nashra.wire.take"


class TakeRefused(Exception):
    """The item cannot become an article there; the message says why, for the editor."""


@dataclass
class Taken:
    page: ArticlePage
    created: bool  # False: someone took it first, and this is their draft
    taken_by: object = None


def writable_sections(user, item):
    """The sections of the item's edition where the user may add an article."""
    sections = SectionPage.objects.filter(locale_id=item.locale_id)
    paths = ArticleScope(action="add").paths(user)
    if paths is not None:
        sections = sections.filter(below_any(paths))
    return sections.order_by("path")


def may_add_article(user, section):
    """Whether Wagtail lets the user add an article in the section (the newsroom's page grants)."""
    return section.permissions_for_user(user).can_add_subpage() and ArticlePage.can_create_at(
        section
    )


def item_language(item):
    return item.language or item.locale.language_code


def take_item(item, section, user):
    """Make the item a draft article in ``section`` for ``user``; return a Taken.

    The caller has checked that the user may add an article there. Taken twice, the second
    caller gets the first one's draft (``created`` False). Raises TakeRefused when the item's
    language is not the section's edition's.
    """
    if primary_language(item_language(item)) != primary_language(section.locale.language_code):
        raise TakeRefused(
            _(
                "This item is in “%(language)s”; the section “%(section)s” belongs to the "
                "“%(edition)s” edition. Take it into a section of an edition in its language."
            )
            % {
                "language": item_language(item),
                "section": section.title,
                "edition": section.locale.language_code,
            }
        )
    now = timezone.now()
    with transaction.atomic():
        # The claim is one conditional update: of two editors taking the item at once, the
        # second waits for the first's commit, then finds it taken.
        claimed = WireItem.objects.filter(pk=item.pk, taken_page__isnull=True).update(
            taken_by=user, taken_at=now
        )
        if not claimed:
            item.refresh_from_db()
            return Taken(item.taken_page, created=False, taken_by=item.taken_by)
        page = _draft(item, SectionPage.objects.get(pk=section.pk), user)
        WireItem.objects.filter(pk=item.pk).update(taken_page=page)
        log(
            instance=page,
            action=TAKE_ACTION,
            user=user,
            data={"item": item.pk, "title": item.title, "original": item.link or item.guid},
        )
    item.refresh_from_db()
    return Taken(page, created=True, taken_by=user)


def _draft(item, section, user):
    locale = section.locale
    title = item.title[:255]
    body_text = html_to_text(item.body) if item.body else ""
    page = ArticlePage(
        title=title,
        slug=find_available_slug(
            section, slugify(title, allow_unicode=True)[:200].strip("-") or "article"
        ),
        locale=locale,
        lead=item.summary or first_sentences(body_text) or title,
        body=html_to_blocks(item.body) if item.body else text_to_blocks(item.summary),
        owner=user,
        live=False,
        wire_uri=_origin(item),
    )
    # Set before the page is first saved: a page's parental relations are written with it.
    page.sources.set(_sources(item, locale))
    page.authors.set(authors_for(item.authors, locale))
    section.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=user)
    page.save_revision(user=user, log_action=True)
    return page


def _origin(item):
    """The original's address (or a ninjs uri), kept on the article unless another has it."""
    origin = item.link or item.guid
    limit = ArticlePage._meta.get_field("wire_uri").max_length
    if not origin or len(origin) > limit or ArticlePage.objects.filter(wire_uri=origin).exists():
        return None
    return origin


def _sources(item, locale):
    """The source organisations of the feeds that delivered the item, in the article's edition."""
    sources, elsewhere = [], []
    for delivery in item.sources.select_related("feed__source"):
        source = delivery.feed.source if delivery.feed_id else None
        if source is None:
            continue
        if source.locale_id != locale.pk:
            source = source.get_translation_or_none(locale)
        if source is None:
            elsewhere.append(SourceRef(delivery.feed.source.name, delivery.feed.source.url))
        elif source not in sources:
            sources.append(source)
    named = [SourceRef(a.get("name", ""), a.get("url", "")) for a in item.agencies]
    for source in sources_for([ref for ref in elsewhere + named if ref.name], locale):
        if source not in sources:
            sources.append(source)
    return sources


def receive_ninjs(ninjs_item, path, edition=None):
    """The inbox's end of ``import_ninjs --inbox``: keep the item's uri (as guid) and language.

    The item waits in the edition of its language; ``edition`` only places a document whose
    language no edition publishes in (else the default edition).
    """
    editions = Editions()
    fallback = editions.by_code.get(settings.LANGUAGE_CODE) or Locale.get_default()
    if edition:
        # Only for a document in no edition's language: an item waits for the desk that can
        # take it, the one of its language.
        fallback = editions.for_language(edition, None)
        if fallback is None:
            raise IngestError(_("unknown edition “%(edition)s”") % {"edition": edition})
    locale = editions.for_language(ninjs_item.language, fallback)
    body = sanitize(ninjs_item.body_html) if ninjs_item.body_html else ""
    with transaction.atomic():
        item, what = receive(
            Delivery(
                guid=ninjs_item.uri,
                title=ninjs_item.headline[:500],
                summary=ninjs_item.lead,
                body=body or text_to_html(ninjs_item.body_text),
                text=html_to_text(body) if body else ninjs_item.body_text,
                language=primary_language(ninjs_item.language) or locale.language_code,
                published_at=ninjs_item.first_created or ninjs_item.version_created,
                updated_at=ninjs_item.version_created,
                authors=tuple(ninjs_item.authors),
                agencies=tuple({"name": s.name, "url": s.url} for s in ninjs_item.sources),
            ),
            locale=locale,
            name=f"ninjs: {path.name}"[:255],
        )
    status = {"new": "created", "added": "updated", "updated": "updated"}.get(what, "skipped")
    return Delivered(
        status,
        _("“%(title)s” in the wire inbox (%(edition)s edition, item %(id)d)")
        % {"title": item.title, "edition": item.locale.language_code, "id": item.pk},
    )
