"""A sitemap crawler (ultimate-sitemap-parser) walks the live site from robots.txt down."""

from collections import defaultdict

import pytest
from usp.tree import sitemap_tree_for_homepage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def crawled(live_server, site_content):
    """Return {URL: [SitemapPage, …]} of every page the crawler found, one per listing."""
    tree = sitemap_tree_for_homepage(live_server.url + "/", use_known_paths=False)
    found = defaultdict(list)
    for page in tree.all_pages():
        found[page.url].append(page)
    return found


def test_crawler_finds_every_live_article_with_news_fields_and_alternates(
    live_server, site_content, crawled
):
    origin = live_server.url
    crossing, crossing_ar = site_content.translated
    names = {"en": "Nashra Network", "ar": "شبكة نشرة"}

    for article in site_content.live_articles:
        listings = crawled[origin + article.url]
        assert listings, article.title
        stories = [page.news_story for page in listings if page.news_story]
        if article == site_content.old_article:
            assert stories == []  # published three days ago: too old for Google News
            continue
        (story,) = stories
        language = article.locale.language_code
        assert story.title == article.title
        assert story.publication_name == names[language]
        assert story.publication_language == language
        assert story.publish_date == article.published_at.replace(microsecond=0)

    expected = {
        ("en", origin + crossing.url),
        ("ar", origin + crossing_ar.url),
        ("x-default", origin + crossing.url),
    }
    for article in site_content.translated:
        (listing,) = [page for page in crawled[origin + article.url] if page.alternates]
        assert set(listing.alternates) == expected
        assert listing.last_modified is not None


def test_crawler_finds_no_draft_embargoed_or_private_page(live_server, site_content, crawled):
    for page in site_content.hidden_articles + site_content.hidden_pages:
        assert live_server.url + page.url not in crawled, page.title


def test_crawler_finds_topic_and_author_pages(live_server, crawled):
    assert live_server.url + "/en/topics/iraq/" in crawled
    assert live_server.url + "/en/authors/huda-mansour/" in crawled
