"""What a public page tells crawlers and social networks: canonical URL, Open Graph, JSON-LD.

Everything is built from the context the page already has (the article's topics, sources and
authors, its sections, the edition's settings, the cached corrections), so it costs no query.
"""

from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from django.core.paginator import Page as PaginatorPage
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from nashra.corrections.queries import corrections_of
from nashra.home.models import HomePage
from nashra.news.models import ArticlePage, SectionPage

from . import structured_data as schema
from .logo import LOGO, LOGO_SIZE

# Facebook reads og:locale as language_TERRITORY; these are the territories it knows.
OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}
# The hero at the width the page already shows (og:image), and the three shapes search
# engines ask of an article's image (16:9, 4:3, 1:1).
OG_IMAGE = "width-1200"
ARTICLE_IMAGES = (OG_IMAGE, "fill-1200x675", "fill-1200x900", "fill-1200x1200")
LISTINGS = ("articles", "corrections", "results")


@dataclass
class Image:
    url: str
    width: int
    height: int
    alt: str = ""


@dataclass
class Site:
    name: str
    language: str
    home_url: str
    logo: Image
    same_as: list = field(default_factory=list)


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def site_of(request, edition):
    home = edition.home
    return Site(
        name=edition.settings.site_name,
        language=translation.get_language(),
        home_url=absolute(request, home.get_url(request) if home else "/"),
        logo=Image(absolute(request, static(LOGO)), LOGO_SIZE, LOGO_SIZE),
        same_as=[url for _label, url in edition.settings.social_links],
    )


def route_url(request, page, name, *args):
    """Return the absolute URL of a route of a routable page: an author's page on the home."""
    return absolute(request, page.get_url(request) + page.reverse_subpage(name, args=args))


def route_name(request):
    match = getattr(request, "routable_resolver_match", None)
    return getattr(match, "url_name", None)


def canonical_url(request, page, context):
    """Return the page's own absolute address: ?page=N on later pages of a listing only."""
    if route_name(request) in (None, "index_route") and page is not None:
        path = page.get_url(request) or request.path
    else:
        path = request.path
    url = absolute(request, path)
    for name in LISTINGS:
        listing = context.get(name)
        if isinstance(listing, PaginatorPage) and listing.number > 1:
            return f"{url}?page={listing.number}"
    return url


def hero_images(request, article):
    """Return (og:image, [schema.org ImageObjects]) for an article's hero, or (None, [])."""
    image = article.hero_image
    if image is None:
        return None, []
    renditions = image.get_renditions(*ARTICLE_IMAGES)
    alt = article.hero_caption_text
    og_image = Image(absolute(request, renditions[OG_IMAGE].url), *_size(renditions[OG_IMAGE]), alt)
    objects = {}
    for rendition in renditions.values():
        url = absolute(request, rendition.url)
        width, height = _size(rendition)
        objects.setdefault(
            url, {"@type": "ImageObject", "url": url, "width": width, "height": height}
        )
    return og_image, list(objects.values())


def _size(rendition):
    return rendition.width, rendition.height


def x_handle(url):
    """Return "@nashra" for https://x.com/nashra, else ""."""
    parts = urlsplit(url or "")
    name = parts.path.strip("/").split("/")[0]
    if parts.hostname in {"x.com", "www.x.com", "twitter.com", "www.twitter.com"} and name:
        return "@" + name
    return ""


def page_meta(context):
    """Return the head metadata of the page being rendered, or {} outside the public site."""
    request = context.get("request")
    edition = context.get("edition")
    page = context.get("page")
    topic, author = context.get("topic"), context.get("author")
    if request is None or not edition:
        return {}
    if page is None:  # the 404 page: nothing there to index or share
        return {"robots": "noindex"}
    site = site_of(request, edition)
    route = route_name(request)
    meta = {
        "site": site,
        "canonical": canonical_url(request, page, context),
        "og_type": "website",
        "og_locale": OG_LOCALES.get(site.language, site.language),
        "og_locale_alternates": [
            OG_LOCALES.get(alternate.language_code, alternate.language_code)
            for alternate in (context.get("alternates") or {}).get("switcher", [])
        ],
        "image": site.logo,
        "large_image": False,
        "x_handle": x_handle(edition.settings.x_url),
        "json_ld": [],
    }
    blurb = edition.settings.about_blurb
    title = getattr(page, "seo_title", "") or getattr(page, "title", "")
    description = getattr(page, "search_description", "") or ""
    if topic is not None:
        title, description = topic.hashtag, blurb
    elif author is not None:
        title, description = author.name, author.role or author.bio or blurb
    elif route == "search":
        title, meta["robots"] = _("Search"), "noindex, follow"
    elif route == "thanks":
        meta["robots"] = "noindex"
    elif isinstance(page, ArticlePage):
        meta.update(_article_meta(request, page, context, site, meta["canonical"]))
        description = description or page.lead
    elif isinstance(page, HomePage):
        title = site.name
        description = description or blurb
        search_url = route_url(request, page, "search")
        meta["json_ld"] = [schema.organization(site), schema.website(site, search_url)]
    elif isinstance(page, SectionPage):
        description = description or page.intro
        meta["json_ld"] = [_breadcrumb(request, page.sections)]
    meta["title"] = title
    # A contact page's introduction is rich text: a description is plain.
    description = strip_tags(str(description or getattr(page, "intro", "") or blurb))
    meta["description"] = " ".join(unescape(description).split())
    meta["json_ld"] = [
        schema.to_json_ld({"@context": "https://schema.org", **data}) for data in meta["json_ld"]
    ]
    return meta


def _breadcrumb(request, sections):
    return schema.breadcrumb_list(
        [(section.title, absolute(request, section.get_url(request))) for section in sections]
    )


def _article_meta(request, article, context, site, url):
    home = context["edition"].home
    authors = [
        (author.name, route_url(request, home, "author", author.slug))
        for author in context.get("article_authors", [])
    ]
    sections = article.sections
    topics = [topic.name for topic in context.get("article_topics", [])]
    og_image, images = hero_images(request, article)
    original = context.get("original_article")
    original_url = absolute(request, original.get_url(request)) if original else ""
    news_article = schema.news_article(
        article,
        site=site,
        url=url,
        images=images,
        authors=authors,
        sections=[section.title for section in sections],
        topics=topics,
        sources=context.get("article_sources", []),
        corrections=corrections_of(article),
        original=original,
        original_url=original_url,
    )
    if getattr(article, "is_live_blog", False):
        news_article = schema.live_blog_posting(
            news_article,
            url=url,
            starts_at=article.coverage_started_at,
            ends_at=article.coverage_ends_at,
            updates=[] if context.get("live_from") else context.get("live_updates") or [],
        )
    meta = {
        "og_type": "article",
        "article": {
            "published_time": news_article.get("datePublished"),
            "modified_time": news_article.get("dateModified"),
            "section": sections[-1].title if sections else "",
            "authors": [link for _name, link in authors],
            "tags": topics,
        },
        "json_ld": [news_article, _breadcrumb(request, sections)],
    }
    if og_image is not None:
        meta["image"], meta["large_image"] = og_image, True
    return meta
