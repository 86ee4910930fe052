"""schema.org objects (JSON-LD) describing a page to search engines, built from its context."""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# Inside <script type="application/ld+json"> the HTML parser only looks for "</script": escaping
# the characters that could start a tag or an entity keeps editors' text from ending the block.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_json_ld(data):
    """Return data as JSON that is safe to place inside a <script type="application/ld+json">."""
    return mark_safe(  # noqa: S308 - every character that could close the element is escaped
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    )


def iso8601(value):
    """Return a moment in ISO 8601 with the edition's UTC offset, to the second."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def organization(site):
    """Return the edition as a NewsMediaOrganization, with its logo and social accounts."""
    data = {
        "@type": "NewsMediaOrganization",
        "@id": site.home_url + "#organization",
        "name": site.name,
        "url": site.home_url,
        "logo": {
            "@type": "ImageObject",
            "url": site.logo.url,
            "width": site.logo.width,
            "height": site.logo.height,
        },
    }
    if site.same_as:
        data["sameAs"] = site.same_as
    return data


def website(site, search_url):
    data = {
        "@type": "WebSite",
        "@id": site.home_url + "#website",
        "name": site.name,
        "url": site.home_url,
        "inLanguage": site.language,
        "publisher": {"@id": site.home_url + "#organization"},
    }
    if search_url:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": search_url + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        }
    return data


def breadcrumb_list(crumbs):
    """Return a BreadcrumbList of (name, absolute URL) pairs, outermost first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def news_article(
    article,
    *,
    site,
    url,
    images,
    authors,
    sections,
    topics,
    sources,
    corrections=(),
    original=None,
    original_url="",
):
    """Return the NewsArticle of an article page; authors are (name, absolute URL) pairs."""
    published = article.published_at or article.first_published_at
    data = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title,
        "description": article.lead,
        "inLanguage": site.language,
        "isAccessibleForFree": True,
        "publisher": organization(site),
    }
    if images:
        data["image"] = images
    if published:
        data["datePublished"] = iso8601(published)
        data["dateModified"] = iso8601(max(filter(None, [published, article.updated_at])))
    if authors:
        data["author"] = [{"@type": "Person", "name": name, "url": link} for name, link in authors]
    if sections:
        data["articleSection"] = sections
    if topics:
        data["keywords"] = topics
    if sources:
        data["sourceOrganization"] = [_source(source) for source in sources]
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "name": str(correction.get_kind_display()),
                "text": correction.text,
                "datePublished": iso8601(correction.date),
                "url": f"{url}#{correction.anchor}",
            }
            for correction in corrections
        ]
    if original is not None:
        data["translationOfWork"] = {
            "@type": "NewsArticle",
            "@id": original_url + "#article",
            "url": original_url,
            "headline": original.title,
            "inLanguage": original.locale.language_code,
        }
    return data


LIVE_BLOG_UPDATES = 10


def live_blog_posting(article_data, *, url, starts_at, ends_at, updates):
    """Return a live page's NewsArticle as a LiveBlogPosting with its newest updates.

    ``updates`` are the live page's newest published updates, newest first: each has a
    ``pk``, ``anchor``, ``title``, ``published_at``, ``edited_at``, ``author`` and
    ``plain_text()``.
    """
    data = {**article_data, "@type": "LiveBlogPosting"}
    if starts_at:
        data["coverageStartTime"] = iso8601(starts_at)
    if ends_at:
        data["coverageEndTime"] = iso8601(ends_at)
    posts = []
    for update in updates[:LIVE_BLOG_UPDATES]:
        text = update.plain_text()
        post = {
            "@type": "BlogPosting",
            "@id": f"{url}#{update.anchor}",
            "url": f"{url}#{update.anchor}",
            "headline": update.title or Truncator(text).chars(110),
            "articleBody": text,
            "datePublished": iso8601(update.published_at),
            "dateModified": iso8601(update.edited_at or update.published_at),
        }
        if update.author:
            post["author"] = {"@type": "Person", "name": update.author.name}
        posts.append(post)
    if posts:
        data["liveBlogUpdate"] = posts
        newest = max(update.edited_at or update.published_at for update in updates[:1])
        if "dateModified" not in data or data["dateModified"] < iso8601(newest):
            data["dateModified"] = iso8601(newest)
    return data


def _source(source):
    data = {"@type": "Organization", "name": source.name}
    if source.url:
        data["url"] = source.url
    return data
