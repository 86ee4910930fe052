"""What a page reuses from the cache between requests (the address's page, the other editions'
links, the related teasers, the header and footer) shows each change on the next request."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from nashra.core.models import EditionSettings
from nashra.news.models import ArticlePage
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_a_page_served_again_costs_no_routing_and_no_related_query(
    client, middle_east, en_home, article_factory
):
    topic = Topic.objects.create(name="Iraq", locale=en_home.locale)
    article_factory(middle_east, "Older story", topics=[topic])
    article = article_factory(middle_east, "Newer story", topics=[topic])
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        html = html_of(client, article.url)
    assert html.select_one(".related .teaser__title").get_text(strip=True) == "Older story"
    pages = [query for query in queries if "wagtailcore_page" in query["sql"]]
    assert pages == [], [query["sql"] for query in pages]


def test_an_unpublished_article_is_gone_at_its_address_at_once(
    client, middle_east, article_factory
):
    article = article_factory(middle_east, "Soon withdrawn")
    assert client.get(article.url).status_code == 200
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_a_renamed_address_serves_the_page_there_and_not_at_the_old_one(
    client, middle_east, article_factory, django_capture_on_commit_callbacks
):
    article = article_factory(middle_east, "Renamed")
    old_url = article.url
    assert client.get(old_url).status_code == 200
    article.slug = "renamed-story"
    # Wagtail says a slug changed once the change is committed.
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()
    assert client.get(article.url).status_code == 200
    assert client.get(old_url).status_code in (301, 302, 404)


def test_a_republished_article_shows_its_new_text(client, middle_east, article_factory):
    article = article_factory(middle_east, "First headline")
    html_of(client, article.url)
    article.title = "Second headline"
    article.save_revision().publish()
    assert html_of(client, article.url).select_one("h1").get_text() == "Second headline"


def test_a_moved_article_is_served_at_its_new_address(
    client, news, middle_east, article_factory, django_capture_on_commit_callbacks
):
    article = article_factory(middle_east, "Moving")
    old_url = article.url
    assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=article.pk).move(Page.objects.get(pk=news.pk), pos="last-child")
    article.refresh_from_db()
    assert client.get(article.url).status_code == 200
    old = client.get(old_url)  # Wagtail's redirect from where it was
    assert old.status_code == 301 and old["Location"] == article.url


def test_a_page_served_again_rebuilds_no_related_article(
    client, middle_east, en_home, article_factory, monkeypatch
):
    """The related teasers are kept whole: the articles behind them are not read again, from
    the database or the cache, while none of them changes."""
    topic = Topic.objects.create(name="Iraq", locale=en_home.locale)
    related = [article_factory(middle_east, f"Story {n}", topics=[topic]) for n in range(4)]
    article = article_factory(middle_east, "Main story", topics=[topic])
    client.get(article.url)
    rebuilt = []
    unpickle = ArticlePage.__setstate__

    def counted(self, state):
        unpickle(self, state)
        rebuilt.append(self.pk)

    monkeypatch.setattr(ArticlePage, "__setstate__", counted, raising=False)
    teasers = html_of(client, article.url).select(".related .teaser__title")
    assert [teaser.get_text(strip=True) for teaser in teasers] == [
        f"Story {n}" for n in (3, 2, 1, 0)
    ]
    assert not set(rebuilt) & {story.pk for story in related}


def test_a_retitled_related_article_shows_in_the_teaser_at_once(
    client, middle_east, en_home, article_factory
):
    topic = Topic.objects.create(name="Iraq", locale=en_home.locale)
    related = article_factory(middle_east, "Old teaser title", topics=[topic])
    article = article_factory(middle_east, "Main story", topics=[topic])
    assert "Old teaser title" in html_of(client, article.url).select_one(".related").get_text()
    related.title = "New teaser title"
    related.save_revision().publish()
    teasers = html_of(client, article.url).select_one(".related").get_text()
    assert "New teaser title" in teasers and "Old teaser title" not in teasers
    related.unpublish()
    assert html_of(client, article.url).select_one(".related") is None


def test_a_translation_published_later_appears_in_the_language_switcher(
    client, two_editions, article_factory
):
    en, ar = two_editions
    original = article_factory(en.middle_east, "Border hours agreed")
    switcher = html_of(client, original.url).select_one(".language-switcher a")
    assert switcher["href"] == ar.middle_east.url and switcher.get("rel") == ["nofollow"]
    translation = original.copy_for_translation(ar.locale, copy_parents=False)
    translation.move(ar.middle_east, pos="last-child")
    translation.refresh_from_db()
    translation.save_revision().publish()
    translation.refresh_from_db()
    html = html_of(client, original.url)
    assert html.select_one(".language-switcher a")["href"] == translation.url
    assert html.select_one('link[hreflang="ar"]')["href"].endswith(translation.url)


def test_a_renamed_section_shows_in_every_page_menu_and_footer(
    client, news, middle_east, article_factory
):
    article = article_factory(middle_east, "In the news")
    html = html_of(client, article.url)
    assert "News" in [a.get_text() for a in html.select(".main-nav a")]
    news.title = "World news"
    news.save_revision().publish()
    html = html_of(client, article.url)
    assert "World news" in [a.get_text() for a in html.select(".main-nav a")]
    assert "World news" in [a.get_text() for a in html.select(".site-footer__links a")]


def test_the_menu_marks_the_section_of_each_page(
    client, news, en_home, middle_east, article_factory
):
    article = article_factory(middle_east, "Marked")
    current = html_of(client, article.url).select('.main-nav a[aria-current="true"]')
    assert [a.get_text() for a in current] == ["News"]
    assert html_of(client, en_home.url).select('.main-nav a[aria-current="true"]') == []


def test_a_new_site_name_shows_in_the_header_at_once(client, en_home, middle_east, article_factory):
    article = article_factory(middle_east, "Named")
    assert html_of(client, article.url).select_one(".site-name").get_text() != "Nashra Daily"
    edition_settings = EditionSettings.objects.get(locale=en_home.locale)
    edition_settings.site_name = "Nashra Daily"
    edition_settings.save()
    assert html_of(client, article.url).select_one(".site-name").get_text() == "Nashra Daily"


def json_ld_of(html, kind):
    import json

    for script in html.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} in the page")


def test_a_republished_article_says_its_new_headline_to_search_engines(
    client, middle_east, article_factory
):
    article = article_factory(middle_east, "First headline")
    html_of(client, article.url)
    article.title = "Second headline"
    article.save_revision().publish()
    html = html_of(client, article.url)
    assert json_ld_of(html, "NewsArticle")["headline"] == "Second headline"
    assert html.select_one('meta[property="og:title"]')["content"] == "Second headline"


def test_each_address_of_an_article_names_its_own_host(
    client, settings, middle_east, article_factory
):
    settings.ALLOWED_HOSTS = ["testserver", "www.example.org"]
    article = article_factory(middle_east, "Two hosts")
    first = html_of(client, article.url)
    assert first.select_one('link[rel="canonical"]')["href"].startswith("http://testserver/")
    second = client.get(article.url, HTTP_HOST="www.example.org", secure=True)
    html = BeautifulSoup(second.content, "html.parser")
    canonical = html.select_one('link[rel="canonical"]')["href"]
    assert canonical.startswith("https://www.example.org/")
    assert json_ld_of(html, "NewsArticle")["url"] == canonical


RSS_LINKS = 'link[rel="alternate"][type="application/rss+xml"]'


def feed_titles(html):
    return [link["title"] for link in html.select(RSS_LINKS)]


def test_an_articles_feed_links_follow_its_section_and_edition_at_once(
    client, en_home, middle_east, article_factory
):
    article = article_factory(middle_east, "Fed")
    assert feed_titles(html_of(client, article.url)) == [
        "Nashra Network – Middle East (RSS)",
        "Nashra Network (RSS)",
    ]
    middle_east.title = "Mideast"
    middle_east.save_revision().publish()
    edition_settings = EditionSettings.objects.get(locale=en_home.locale)
    edition_settings.site_name = "Nashra Daily"
    edition_settings.save()
    assert feed_titles(html_of(client, article.url)) == [
        "Nashra Daily – Mideast (RSS)",
        "Nashra Daily (RSS)",
    ]


def test_the_share_links_carry_the_headline_and_address_read(
    client, settings, middle_east, article_factory
):
    settings.ALLOWED_HOSTS = ["testserver", "www.example.org"]
    article = article_factory(middle_east, "First headline")
    share = html_of(client, article.url).select_one("[data-share]")
    assert share["data-share-title"] == "First headline"
    assert share["data-share-url"] == "http://testserver" + article.url
    article.title = "Second headline"
    article.save_revision().publish()
    response = client.get(article.url, HTTP_HOST="www.example.org", secure=True)
    share = BeautifulSoup(response.content, "html.parser").select_one("[data-share]")
    assert share["data-share-title"] == "Second headline"
    assert share["data-share-url"] == "https://www.example.org" + article.url
    feeds = BeautifulSoup(response.content, "html.parser").select(RSS_LINKS)
    assert feeds and all(
        link["href"].startswith(("/", "https://www.example.org/")) for link in feeds
    ), [link["href"] for link in feeds]
    share = html_of(client, article.url).select_one("[data-share]")
    assert share["data-share-url"] == "http://testserver" + article.url


def test_a_page_served_again_asks_for_no_locale(client, middle_east, ar_home, article_factory):
    """Wagtail looks up the language's locale on every request, before routing."""
    article = article_factory(middle_east, "Story")
    for url in ("/en/", "/ar/", article.url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        locales = [query["sql"] for query in queries if "wagtailcore_locale" in query["sql"]]
        assert locales == [], (url, locales)


def test_a_locale_added_for_a_new_edition_is_found(client, en_home, settings):
    from wagtail.models import Locale

    assert Locale.objects.get_for_language("en") == en_home.locale
    languages = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("fr", "Français")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = languages
    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("fr")
    french = Locale.objects.create(language_code="fr")
    assert Locale.objects.get_for_language("fr") == french
    french.delete()
    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("fr")
