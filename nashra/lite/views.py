"""The lite edition: each edition's home, sections, topics and articles as small plain pages.

For readers on slow, metered connections: no picture, font, stylesheet or script, nothing
fetched but the page itself. A page is found as Wagtail finds it below the edition's home
(``resolve``) and must be live and public: a private page is not found here, whoever asks,
since any cache may keep a lite page. Cached and purged like the full pages (``purges``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page

from nashra.caching import tags
from nashra.core import privacy
from nashra.core.pagination import paginate
from nashra.corrections.queries import corrections_of
from nashra.curation.breaking import on_air
from nashra.home.editions import Edition
from nashra.news.labels import article_labels
from nashra.news.models import ArticlePage, SectionPage
from nashra.news.queries import images_in, prefetch_renditions
from nashra.topics.models import Topic

from . import addresses
from .resolve import resolve

HOME_ARTICLES = 30
# A live page's updates per lite page: about 15 KB of Arabic, older ones a link away.
LIVE_UPDATES = 10


@dataclass(frozen=True)
class Link:
    """A lite page to link to: its title (or name) and address."""

    text: str
    url: str
    language_code: str = ""

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language_code, self.language_code)


def _edition(request):
    """Return the request's edition, if its home is live and public; else 404."""
    edition = Edition.for_request(request)
    if edition is None or edition.home is None or edition.home.get_view_restrictions().exists():
        raise Http404
    return edition


def _listed(request, articles, prefix):
    """Link each article to its lite page; the page carries each one's cache tag."""
    tags.add(request, *(tags.article_tag(article.pk) for article in articles))
    return [
        (article, prefix + addresses.path_below_home(article), article.published_at)
        for article in articles
    ]


def _articles():
    """Live, public articles newest first, without their bodies (a listing shows none)."""
    return ArticlePage.objects.live().public().latest().defer_streamfields()


def _page_counterparts(request, page):
    """Return a Link to the lite page of each live, public translation of ``page``."""
    others = (
        Page.objects.live()
        .filter(privacy.public_q())
        .filter(translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
    )
    links = []
    for other in others:
        url = addresses.lite_url(other)
        if url:
            code = addresses.edition_of(other.locale_id).language_code
            links.append(Link(other.title, request.build_absolute_uri(url), code))
    return links


def _breaking(edition):
    """Return the edition's breaking line on air as a Link (no address for none), or None."""
    item = on_air(edition.language_code)
    if item is None:
        return None
    url = addresses.lite_url(item.article) if item.article_id else ""
    return Link(item.text, url or item.url)


def _render(request, template, edition, full_url, context):
    """Render a lite page with what each shows: its edition, its full version, other editions'."""
    context = {
        "edition": edition,
        "site_name": edition.settings.site_name,
        "lite_home_url": addresses.home_url(edition.language_code),
        "full_url": full_url,
        "canonical_url": request.build_absolute_uri(full_url),
        "breaking": _breaking(edition),
        "counterparts": [],
        **context,
    }
    return TemplateResponse(request, template, context)


def home(request):
    edition = _edition(request)
    home_page = edition.home
    prefix = addresses.home_url(edition.language_code)
    articles = list(_articles().filter(locale_id=home_page.locale_id)[:HOME_ARTICLES])
    sections = [
        Link(section.title, prefix + addresses.path_below_home(section))
        for section in edition.sections
        if not privacy.is_private(section.path)
    ]
    counterparts = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        other = Edition.of(code) if code != edition.language_code else None
        if other is not None and other.home is not None and not privacy.is_private(other.home.path):
            url = request.build_absolute_uri(addresses.home_url(code))
            counterparts.append(Link(other.settings.site_name, url, code))
    context = {
        "articles": _listed(request, articles, prefix),
        "sections": sections,
        "counterparts": counterparts,
    }
    return _render(request, "lite/home_page.html", edition, home_page.get_url(request), context)


def page(request, path):
    edition = _edition(request)
    found = resolve(request, edition.home, path)
    if isinstance(found, Topic):
        return _topic(request, edition, found)
    if isinstance(found, SectionPage):
        return _section(request, edition, found)
    return _article(request, edition, found)


def _trail(sections, prefix):
    """Link each section to its lite page."""
    return [Link(page.title, prefix + addresses.path_below_home(page)) for page in sections]


def _section(request, edition, section):
    prefix = addresses.home_url(edition.language_code)
    articles = paginate(request, _articles().in_section(section), listing=("section", section.pk))
    subsections = (
        SectionPage.objects.child_of(section).live().filter(privacy.public_q()).order_by("path")
    )
    context = {
        "section": section,
        "trail": _trail([above for above in section.sections if above.pk != section.pk], prefix),
        "subsections": _trail(subsections, prefix),
        "articles": articles,
        "listed": _listed(request, articles.object_list, prefix),
        "counterparts": _page_counterparts(request, section),
    }
    return _render(request, "lite/section_page.html", edition, section.get_url(request), context)


def _topic(request, edition, topic):
    home_page = edition.home
    prefix = addresses.home_url(edition.language_code)
    articles = paginate(
        request,
        _articles().filter(locale_id=home_page.locale_id, topics=topic),
        listing=("topic", topic.pk),
    )
    counterparts = []
    for other in Topic.objects.filter(translation_key=topic.translation_key).exclude(
        locale_id=topic.locale_id
    ):
        url = addresses.lite_url(other)
        if url:
            code = addresses.edition_of(other.locale_id).language_code
            counterparts.append(Link(other.name, request.build_absolute_uri(url), code))
    context = {
        "topic": topic,
        "articles": articles,
        "listed": _listed(request, articles.object_list, prefix),
        "counterparts": counterparts,
    }
    # The full topic page is a route of the edition's home.
    full_url = home_page.get_url(request) + home_page.reverse_subpage("topic", args=[topic.slug])
    return _render(request, "lite/topic_page.html", edition, full_url, context)


def _article(request, edition, article):
    # Kept as long as a full article page, and purged with it (nashra/news/wagtail_hooks.py).
    request._nashra_cache_policy = "article"
    tags.add(request, tags.article_tag(article.pk))
    prefix = addresses.home_url(edition.language_code)
    labels = article_labels(article, request)
    # One query for the renditions of every picture the page links to, however many.
    prefetch_renditions([article.hero_image, *images_in(article.body)])
    context = {
        "article": article,
        "trail": _trail(article.sections, prefix),
        "topics": [
            Link(topic.name, addresses.topic_url(topic, edition.language_code))
            for topic in labels["topics"]
        ],
        "sources": labels["sources"],
        "authors": labels["authors"],
        "corrections": corrections_of(article),
        "counterparts": _page_counterparts(request, article),
    }
    if getattr(article, "is_live_blog", False):
        context.update(_live_updates(request, article))
    return _render(request, "lite/article_page.html", edition, article.get_url(request), context)


def _live_updates(request, page):
    """A live page's updates as its full page shows them: the newest, or older from ``?from=``."""
    updates, first = page.updates_page(request)
    shown = list(updates[: LIVE_UPDATES + 1])
    prefetch_renditions([image for update in shown for image in images_in(update.body)])
    return {
        "live_state": page.coverage_state(),
        "live_updates": shown[:LIVE_UPDATES],
        "live_older": shown[LIVE_UPDATES] if len(shown) > LIVE_UPDATES else None,
        "live_from": first,
    }
