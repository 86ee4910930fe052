"""Move a WordPress site in: what ``manage.py import_wordpress`` and the tests call.

Two passes over the export: the first reads it whole (so a broken file is refused before
anything is written) and keeps what the items point at: authors, categories, tags and the
attachments; the second imports posts and pages one at a time, each in its own savepoint, so
one bad item is reported by its id and the rest still come in. ``dry_run`` does everything in
a transaction it rolls back, and removes the picture files it stored.
"""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug, get_supported_content_language_variant
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from nashra.home.models import HomePage
from nashra.news.models import ArticlePage, SectionPage
from nashra.pages.models import StandardPage

from ..errors import IngestError
from ..html import first_sentences, html_to_text
from ..models import ImportedPage
from ..taxonomy import authors_for, topics_for
from .content import Converter
from .media import MediaLibrary
from .redirects import OldAddresses
from .report import ItemResult, Outcome, Report
from .wxr import Item, parse_date, read_export, scan

IMPORTED_TYPES = {"post", "page"}
PICTURE = re.compile(r"\.(jpe?g|png|gif|webp|avif)$", re.IGNORECASE)
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
DRAFT_STATUSES = {"draft", "pending", "private"}


def _locale(code):
    try:
        code = get_supported_content_language_variant(code)
    except LookupError:
        return None
    return Locale.objects.filter(language_code=code).first()


def import_wordpress(
    path,
    *,
    edition=None,
    media_dir=None,
    fetch_media=False,
    media_hosts=(),
    section=None,
    dry_run=False,
):
    """Import a WXR export; return a Report. Raises IngestError when the file is unusable."""
    export = scan(path)
    locale = _edition(export.site, edition)
    home = HomePage.objects.for_language(locale.language_code)
    if home is None:
        raise IngestError(
            _("the %(edition)s edition has no home page") % {"edition": locale.language_code}
        )
    base = export.site.base_site_url or export.site.link
    hosts = set(media_hosts) or {
        host for url in (base, export.site.base_blog_url) if (host := urlsplit(url).hostname)
    }
    media = MediaLibrary(
        f"wordpress:{base.rstrip('/')}/#",
        export.attachments,
        media_dir=media_dir,
        fetch=fetch_media,
        hosts=hosts,
    )
    run = _Run(export, locale, home, media, section, dry_run)
    try:
        with transaction.atomic():
            run.everything(path)
            if dry_run:
                transaction.set_rollback(True)
    finally:
        if dry_run:
            media.delete_stored()
    return run.report


def _edition(site, edition):
    code = edition or site.language or settings.LANGUAGE_CODE
    locale = _locale(code)
    if locale is None:
        editions = ", ".join(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        raise IngestError(
            _("no edition for the language “%(language)s” (editions: %(editions)s); use --edition")
            % {"language": code, "editions": editions}
        )
    return locale


class _Run:
    def __init__(self, export, locale, home, media, section_path, dry_run):
        self.export = export
        self.locale = locale
        self.home = home
        self.media = media
        self.report = Report(export.site, locale.language_code, dry_run)
        self.report.comments = 0
        self.offset = (
            timedelta(seconds=export.offsets.most_common(1)[0][0]) if export.offsets else None
        )
        self.sections = {}  # category slug -> SectionPage
        self.default_section = None
        self.section_path = section_path
        self.topics = {}
        self.authors = {}
        self.pages_by_id = {}
        self.addresses = OldAddresses(export, home, locale)

    # The whole run ---------------------------------------------------------------------

    def everything(self, path):
        self._sections()
        pages = []
        for thing in read_export(path):
            if not isinstance(thing, Item):
                continue
            self.report.comments += thing.comments
            if thing.type == "attachment":
                continue
            if thing.type not in IMPORTED_TYPES:
                self.report.left_out[_("post type “%(type)s”") % {"type": thing.type}] += 1
                continue
            if thing.status in SKIPPED_STATUSES:
                self.report.left_out[_("status “%(status)s”") % {"status": thing.status}] += 1
                continue
            if thing.type == "page":
                pages.append(thing)  # after the posts, parents before their children
                continue
            self._one(thing, self._post)
        for page in _parents_first(pages):
            self._one(page, self._page)
        self.addresses.of_archives(self.sections)
        self.report.redirects = self.addresses.count
        self._library()
        self.report.media_problems = list(self.media.problems)

    def _library(self):
        """Bring in the pictures no post showed too: the archive's library moves whole."""
        for attachment in self.export.attachments.values():
            if PICTURE.search(attachment.attachment_url or ""):
                with transaction.atomic():
                    self.media.attachment_image(attachment)
        self.report.pictures = sum(1 for image in self.media._images.values() if image)

    def _one(self, item, importer):
        stored, cached = len(self.media.stored_files), set(self.media._images)
        try:
            with transaction.atomic():
                result = importer(item)
        except (IngestError, ValidationError) as error:
            for key in set(self.media._images) - cached:
                del self.media._images[key]  # rolled back with the item
            for storage, name in self.media.stored_files[stored:]:
                storage.delete(name)
            del self.media.stored_files[stored:]
            result = ItemResult(item, Outcome.FAILED, _problem(error))
        self.report.results.append(result)

    # Categories, tags, authors ----------------------------------------------------------

    def _sections(self):
        by_slug = {term.slug: term for term in self.export.categories}
        for term in _terms_parents_first(self.export.categories):
            parent = (
                self.sections.get(term.parent, self.home) if term.parent in by_slug else self.home
            )
            self.sections[term.slug] = self._section(term, parent)
        if self.section_path:
            found = SectionPage.objects.at_path(self.home, self.section_path.strip("/"))
            if found is None:
                raise IngestError(
                    _("unknown section “%(section)s” in the %(edition)s edition")
                    % {"section": self.section_path, "edition": self.locale.language_code}
                )
            self.default_section = found
        else:
            self.default_section = SectionPage.objects.child_of(self.home).order_by(
                "path"
            ).first() or next(iter(self.sections.values()), None)

    def _section(self, term, parent):
        slug = (slugify(term.slug, allow_unicode=True) or slugify(term.name, allow_unicode=True))[
            :255
        ] or "section"
        existing = SectionPage.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            self.report.sections["existing"] += 1
            return existing.specific
        section = SectionPage(
            title=term.name[:255] or slug,
            slug=find_available_slug(parent, slug),
            intro=html_to_text(term.description),
            locale=self.locale,
        )
        parent.add_child(instance=section)
        section.save_revision(log_action=True).publish()
        self.report.sections["created"] += 1
        return section

    def _topics(self, item):
        names = [term.name for term in item.tags if term.name]
        return topics_for(names, self.locale) if names else []

    def _authors(self, item):
        author = self.export.authors.get(item.creator)
        name = (author.display_name if author else item.creator).strip()
        return authors_for([name[:255]], self.locale) if name else []

    # Posts and pages --------------------------------------------------------------------

    def _post(self, item):
        origin = f"{self.media.origin}post/{item.id}"
        section = self._section_of(item)
        converted = Converter(
            self.media.image, lambda: self.media.images_attached_to(item.id)
        ).convert(item.content)
        self.report.notes.update(converted.notes)
        page, created = self._find(origin, ArticlePage, section)
        page.title = (item.title or _("Untitled"))[:255]
        lead_html = item.excerpt or converted.teaser
        page.lead = (
            html_to_text(lead_html) or first_sentences(_blocks_text(converted.blocks)) or page.title
        )
        page.body = converted.blocks
        hero = self._featured(item)
        page.hero_image = hero
        page.hero_caption = (hero.caption if hero else "")[:500]
        published = self._utc(item)
        page.published_at = published
        modified = self._utc(item, modified=True)
        page.updated_at = (
            modified
            if published and modified and modified - published > timedelta(hours=1)
            else None
        )
        if item.sticky:
            self.report.notes[
                _("sticky posts: pin them on the home page if they still matter")
            ] += 1
        if item.password:
            self.report.notes[_("password-protected posts, imported as drafts")] += 1
        self._save(item, page, section, created, origin)
        page.topics.set(self._topics(item))
        page.authors.set(self._authors(item))
        return self._publish(item, page, created, published)

    def _page(self, item):
        origin = f"{self.media.origin}page/{item.id}"
        parent = self.pages_by_id.get(item.parent) or self.home
        converted = Converter(
            self.media.image, lambda: self.media.images_attached_to(item.id), standard_page=True
        ).convert(item.content)
        self.report.notes.update(converted.notes)
        page, created = self._find(origin, StandardPage, parent)
        page.title = (item.title or _("Untitled"))[:255]
        page.intro = html_to_text(item.excerpt)
        page.body = converted.blocks
        self._save(item, page, parent, created, origin)
        result = self._publish(item, page, created, self._utc(item))
        self.pages_by_id[item.id] = page
        return result

    def _find(self, origin, model, parent):
        record = ImportedPage.objects.filter(origin=origin).select_related("page").first()
        if record is not None:
            page = record.page.specific
            if not isinstance(page, model):
                raise IngestError(
                    _(
                        "it was imported before as page %(id)d, which is now a %(kind)s;"
                        " delete that page or its import record to import it again"
                    )
                    % {"id": page.pk, "kind": page.specific_class._meta.verbose_name}
                )
            return page, False
        return model(locale=self.locale, live=False), True

    def _save(self, item, page, parent, created, origin):
        if created:
            base = slugify(item.slug, allow_unicode=True) or slugify(page.title, allow_unicode=True)
            page.slug = find_available_slug(parent, base[:200].strip("-") or "page")
            page.first_published_at = self._utc(item) if item.status == "publish" else None
            parent.add_child(instance=page)
            ImportedPage.objects.create(origin=origin, page=page)
            log(instance=page, action="wagtail.create")
        elif not page.live:
            page.save()
        else:
            ImportedPage.objects.filter(origin=origin).update(page=page)  # touches imported_at

    def _publish(self, item, page, created, when):
        outcome = Outcome.CREATED if created else Outcome.UPDATED
        status = item.status
        now = datetime.now(UTC)
        if status == "future" and when and when > now:
            page.go_live_at = when
        elif status == "future":
            status = "publish"  # its time has passed: WordPress would show it now
        else:
            page.go_live_at = None
        revision = page.save_revision(log_action=True)
        if item.password or status in DRAFT_STATUSES:
            state = _("draft") if not page.live else _("new draft; the live version is unchanged")
            return ItemResult(item, outcome, self._described(page, state), page)
        revision.publish()
        page.refresh_from_db()
        if when and status == "publish":
            Page.objects.filter(pk=page.pk).update(first_published_at=when)
        self.addresses.of_item(item, page)
        state = _("scheduled") if page.go_live_at and not page.live else _("published")
        return ItemResult(item, outcome, self._described(page, state), page)

    def _described(self, page, state):
        return _("%(state)s, %(kind)s %(id)d") % {
            "state": state,
            "kind": page._meta.verbose_name,
            "id": page.pk,
        }

    def _section_of(self, item):
        for term in item.categories:
            if term.slug in self.sections:
                return self.sections[term.slug]
        if self.default_section is None:
            raise IngestError(
                _("the post has no category and the %(edition)s edition has no section")
                % {"edition": self.locale.language_code}
            )
        return self.default_section

    def _featured(self, item):
        thumbnail = item.meta.get("_thumbnail_id")
        if not thumbnail:
            return None
        attachment = self.export.attachments.get(_int(thumbnail))
        return self.media.attachment_image(attachment) if attachment else None

    def _utc(self, item, modified=False):
        utc = parse_date(item.modified_gmt if modified else item.date_gmt)
        if utc is not None:
            return utc.replace(tzinfo=UTC)
        local = parse_date(item.date) if not modified else None
        if local is None:
            return None
        if self.offset is not None:
            return (local - self.offset).replace(tzinfo=UTC)
        return local.replace(tzinfo=ZoneInfo(settings.TIME_ZONE)).astimezone(UTC)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _problem(error):
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(f"{f}: {m}" for f, ms in error.message_dict.items() for m in ms)
        return "; ".join(error.messages)
    return str(error)


def _blocks_text(blocks):
    texts = []
    for kind, value in blocks:
        if kind == "paragraph":
            texts.append(html_to_text(value.source))
        if len(" ".join(texts)) > 400:
            break
    return " ".join(texts)


def _terms_parents_first(terms):
    by_slug = {term.slug: term for term in terms}

    def depth(term, seen=()):
        if term.parent not in by_slug or term.parent in seen:
            return 0
        return 1 + depth(by_slug[term.parent], (*seen, term.slug))

    return sorted(terms, key=depth)


def _parents_first(pages):
    by_id = {page.id: page for page in pages}

    def depth(page, seen=()):
        if page.parent not in by_id or page.parent in seen:
            return 0
        return 1 + depth(by_id[page.parent], (*seen, page.id))

    return sorted(pages, key=depth)
