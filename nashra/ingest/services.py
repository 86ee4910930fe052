"""Import one ninjs file as an article: what the command, and the tests, call."""

import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.coreutils import find_available_slug, get_supported_content_language_variant
from wagtail.log_actions import log
from wagtail.models import Locale

from nashra.home.models import HomePage
from nashra.news.models import ArticlePage, SectionPage

from .errors import IngestError
from .html import html_to_blocks, text_to_blocks
from .ninjs import load_document, parse_document
from .pictures import import_pictures
from .taxonomy import authors_for, sources_for, topics_for

logger = logging.getLogger(__name__)


class ImportStatus(models.TextChoices):
    CREATED = "created", gettext_lazy("created")
    UPDATED = "updated", gettext_lazy("updated")
    SKIPPED = "skipped", gettext_lazy("skipped")
    ERROR = "error", gettext_lazy("error")


@dataclass
class ImportResult:
    path: Path
    status: ImportStatus
    message: str
    page: ArticlePage | None = None
    error: IngestError | None = None

    def __str__(self):
        return f"{self.status.label}: {self.message}"


def import_ninjs_file(
    path, *, section_path=None, edition=None, publish=False, version=None, pictures_from=None
):
    """Create or update the article a ninjs file describes; return what happened.

    A file is imported whole or not at all: any problem leaves the database as it was (and
    removes the picture files already stored) and comes back as an ERROR result naming the
    file and the problem. The page is found again by the document's uri on later imports.
    Local pictures are read only from under ``pictures_from``, by default the file's folder.
    """
    path = Path(path)
    stored_files = []
    try:
        return _import(path, section_path, edition, publish, version, pictures_from, stored_files)
    except (IngestError, ValidationError) as error:
        _delete_stored(stored_files)
        if isinstance(error, ValidationError):
            error = IngestError(_validation_problem(error))
        message = _("%(file)s: %(problem)s") % {"file": path, "problem": error}
        return ImportResult(path, ImportStatus.ERROR, message, error=error)
    except BaseException:
        _delete_stored(stored_files)
        raise


def _import(path, section_path, edition, publish, version, pictures_from, stored_files):
    item = parse_document(load_document(path), version=version)
    if not item.is_article:
        message = _(
            "%(file)s: a %(type)s item is not an article; only text and composite items are"
            " imported"
        ) % {"file": path, "type": item.type}
        return ImportResult(path, ImportStatus.SKIPPED, message)
    if not item.headline:
        raise IngestError(_("the document has no headline"))
    if len(item.uri) > (limit := ArticlePage._meta.get_field("wire_uri").max_length):
        raise IngestError(_("the uri is longer than %(limit)d characters") % {"limit": limit})
    with transaction.atomic():
        page = ArticlePage.objects.filter(wire_uri=item.uri).first()
        locale = _edition_locale(item, edition, page)
        section = _find_section(locale, section_path) if section_path or page is None else None
        pictures, remote_media = import_pictures(
            item, path.parent, stored_files, root=pictures_from
        )
        created = page is None
        if created:
            page = ArticlePage(locale=locale, live=False, wire_uri=item.uri)
        _fill_page(page, item, pictures, remote_media, locale)
        if created:
            base_slug = slugify(item.headline, allow_unicode=True)[:200].strip("-") or "article"
            page.slug = find_available_slug(section, base_slug)
            section.add_child(instance=page)
            log(instance=page, action="wagtail.create")
        elif not page.live and not publish:
            page.save()  # nothing is live to protect: the page row follows the wire
        # A live page that is not published again keeps its live content: only a draft changes.
        # Wire copy under embargo is scheduled, never put live early.
        embargo = item.embargoed_until
        page.go_live_at = embargo if embargo and embargo > timezone.now() else None
        revision = page.save_revision(log_action=True)
        if publish:
            revision.publish()
            page.refresh_from_db()
    status = ImportStatus.CREATED if created else ImportStatus.UPDATED
    message = _("%(file)s: “%(title)s” (%(state)s, %(edition)s edition, page %(id)d)") % {
        "file": path,
        "title": item.headline,
        "state": _state(page, publish),
        "edition": page.locale.language_code,
        "id": page.pk,
    }
    return ImportResult(path, status, message, page=page)


def _state(page, publish):
    if publish and page.go_live_at and not page.live:
        return _("scheduled for the end of its embargo")
    if publish:
        return _("published")
    return _("new draft; the live version is unchanged") if page.live else _("draft")


def _fill_page(page, item, pictures, remote_media, locale):
    page.title = item.headline[:255]
    page.lead = item.lead
    body = html_to_blocks(item.body_html) if item.body_html else text_to_blocks(item.body_text)
    hero, *others = pictures or [None]
    if len(others) == 1:  # a gallery needs two pictures; one goes in as a plain image block
        body.append(("image", _figure(others[0])))
    elif others:
        body.append(("gallery", {"title": "", "images": [_figure(p) for p in others]}))
    page.body = body
    page.hero_image = hero.image if hero else None
    page.hero_caption = hero.caption if hero else ""
    page.hero_credit = hero.credit if hero else ""
    page.remote_media = remote_media
    page.published_at = item.first_created or item.version_created
    later = (
        item.first_created and item.version_created and item.version_created > item.first_created
    )
    page.updated_at = item.version_created if later else None
    page.topics.set(topics_for(item.topics, locale, item.topic_uris))
    page.authors.set(authors_for(item.authors, locale))
    page.sources.set(sources_for(item.sources, locale))


def _figure(picture):
    return {"image": picture.image, "caption": picture.caption, "credit": picture.credit}


def _editions():
    return ", ".join(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)


def _locale(code):
    try:
        code = get_supported_content_language_variant(code)
    except LookupError:
        return None
    return Locale.objects.filter(language_code=code).first()


def _edition_locale(item, edition, page):
    """Return the edition: --edition, else the existing page's, the document's language, default."""
    if edition:
        locale = _locale(edition)
        if locale is None:
            raise IngestError(
                _("unknown edition “%(edition)s” (editions: %(editions)s)")
                % {"edition": edition, "editions": _editions()}
            )
        _refuse_other_language(item, locale)
        if page is not None and page.locale_id != locale.pk:
            raise IngestError(
                _(
                    "this uri was imported into the %(existing)s edition (page %(id)d),"
                    " not %(edition)s"
                )
                % {"existing": page.locale.language_code, "id": page.pk, "edition": edition}
            )
        return locale
    if page is not None:
        return page.locale
    if item.language:
        locale = _locale(item.language)
        if locale is None:
            raise IngestError(
                _(
                    "the document's language “%(language)s” has no edition (editions: "
                    "%(editions)s); choose one with --edition"
                )
                % {"language": item.language, "editions": _editions()}
            )
        return locale
    locale = _locale(settings.LANGUAGE_CODE)
    if locale is None:
        raise IngestError(
            _("the default edition %(edition)s does not exist")
            % {"edition": settings.LANGUAGE_CODE}
        )
    return locale


def _primary(language):
    return language.strip().lower().replace("_", "-").split("-")[0]


def _refuse_other_language(item, locale):
    """Refuse a document whose language is not the chosen edition's: it would be shown as such."""
    if not item.language or _primary(item.language) == _primary(locale.language_code):
        return
    own = _locale(item.language)
    hint = (
        _("import it into the %(edition)s edition, or without --edition")
        % {"edition": own.language_code}
        if own
        else _("no edition is in that language (editions: %(editions)s)")
        % {"editions": _editions()}
    )
    raise IngestError(
        _(
            "the document is in “%(language)s”, not in the language of the %(edition)s"
            " edition; %(hint)s"
        )
        % {"language": item.language, "edition": locale.language_code, "hint": hint}
    )


def _find_section(locale, section_path):
    """Return the section a path of slugs names under the edition's home (first one if none)."""
    home = HomePage.objects.for_language(locale.language_code)
    if home is None:
        raise IngestError(
            _("the %(edition)s edition has no home page") % {"edition": locale.language_code}
        )
    if not section_path:
        section = SectionPage.objects.child_of(home).order_by("path").first()
        if section is None:
            raise IngestError(
                _("the %(edition)s edition has no section to put the article in")
                % {"edition": locale.language_code}
            )
        return section
    slugs = [slug for slug in section_path.strip().strip("/").split("/") if slug]
    section = SectionPage.objects.at_path(home, "/".join(slugs)) if slugs else None
    if section is None:
        raise IngestError(
            _("unknown section “%(section)s” in the %(edition)s edition")
            % {"section": section_path, "edition": locale.language_code}
        )
    return section


def _validation_problem(error):
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    problems = error.message_dict.items()
    return "; ".join(f"{field}: {message}" for field, messages in problems for message in messages)


def _delete_stored(stored_files):
    for storage, name in stored_files:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not remove %s after a failed import", name, exc_info=True)
