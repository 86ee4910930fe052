from urllib.parse import quote, urlsplit

import pytest

from nashra.sitemaps import entries

from .helpers import (
    NS,
    W3C_DATETIME,
    absolute,
    alternates,
    body,
    edition_locs,
    fetch,
    index_files,
    locs,
)


def test_index_lists_each_editions_files_and_news_sitemap_with_lastmod(client, site_content):
    _response, root = fetch(client, "/sitemap.xml")

    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    paths = [urlsplit(url).path for url in index_files(client)]
    assert paths == [
        "/sitemaps/ar-pages-1.xml",
        "/sitemaps/ar-topics-1.xml",
        "/sitemaps/ar-authors-1.xml",
        "/sitemaps/ar-news.xml",
        "/sitemaps/en-pages-1.xml",
        "/sitemaps/en-topics-1.xml",
        "/sitemaps/en-authors-1.xml",
        "/sitemaps/en-news.xml",
    ]
    for sitemap in root.iterfind("sm:sitemap", NS):
        assert sitemap.findtext("sm:loc", namespaces=NS).startswith("http://testserver/")
        assert W3C_DATETIME.match(sitemap.findtext("sm:lastmod", namespaces=NS))


def test_edition_sitemap_lists_every_live_public_page_once(client, site_content):
    _response, root = fetch(client, "/sitemaps/en-pages-1.xml")

    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert root.nsmap == {None: NS["sm"], "xhtml": NS["xhtml"]}
    english = [page for page in site_content.pages if page.locale.language_code == "en"]
    english += [a for a in site_content.live_articles if a.locale.language_code == "en"]
    assert sorted(locs(root)) == sorted(absolute(page) for page in english)
    for url in root.iterfind("sm:url", NS):
        assert url.findtext("sm:loc", namespaces=NS).startswith("http://testserver/en/")
        assert W3C_DATETIME.match(url.findtext("sm:lastmod", namespaces=NS))


def test_drafts_embargoed_and_private_pages_are_left_out(client, site_content):
    listed = set(edition_locs(client, "en")) | set(locs(fetch(client, "/sitemaps/en-news.xml")[1]))

    assert absolute(site_content.live_articles[2]) in listed
    for page in site_content.hidden_articles + site_content.hidden_pages:
        assert absolute(page) not in listed, page.title


def test_every_listed_url_answers(client, site_content):
    for language in ("en", "ar"):
        for kind in ("pages", "topics", "authors"):
            for url in edition_locs(client, language, kind):
                assert client.get(urlsplit(url).path).status_code == 200, url


def test_arabic_urls_are_absolute_and_percent_encoded(client, site_content):
    _crossing, crossing_ar = site_content.translated
    ar_urls = edition_locs(client, "ar")

    assert absolute(crossing_ar) in ar_urls
    assert all(url.isascii() and url.startswith("http://testserver/ar/") for url in ar_urls)
    assert "http://testserver/ar/topics/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82/" in (
        edition_locs(client, "ar", "topics")
    )


def test_translated_pages_carry_hreflang_alternates_with_x_default(client, site_content):
    crossing, crossing_ar = site_content.translated
    expected = {
        "en": absolute(crossing),
        "ar": absolute(crossing_ar),
        "x-default": absolute(crossing),  # English is the default edition
    }

    _response, en_root = fetch(client, "/sitemaps/en-pages-1.xml")
    _response, ar_root = fetch(client, "/sitemaps/ar-pages-1.xml")

    assert alternates(en_root, absolute(crossing)) == expected
    assert alternates(ar_root, absolute(crossing_ar)) == expected
    en_home, ar_home = site_content.pages[:2]
    assert alternates(ar_root, absolute(ar_home))["en"] == absolute(en_home)


def test_untranslated_pages_have_no_alternates(client, site_content):
    market = site_content.live_articles[2]
    _response, root = fetch(client, "/sitemaps/en-pages-1.xml")

    assert alternates(root, absolute(market)) == {}


def test_topic_and_author_pages_are_listed_with_their_translations(client, site_content):
    iraq, iraq_ar = site_content.topics
    en_topic = f"http://testserver/en/topics/{iraq.slug}/"
    ar_topic = f"http://testserver/ar/topics/{quote(iraq_ar.slug)}/"
    _response, root = fetch(client, "/sitemaps/en-topics-1.xml")

    assert locs(root) == [en_topic]
    assert alternates(root, en_topic) == {"en": en_topic, "ar": ar_topic, "x-default": en_topic}
    _response, root = fetch(client, "/sitemaps/en-authors-1.xml")
    assert locs(root) == ["http://testserver/en/authors/huda-mansour/"]
    assert alternates(root, "http://testserver/en/authors/huda-mansour/")["ar"].startswith(
        "http://testserver/ar/authors/"
    )


def test_news_sitemap_has_the_last_48_hours_with_google_news_fields(client, site_content):
    crossing, crossing_ar = site_content.translated
    market = site_content.live_articles[2]

    _response, root = fetch(client, "/sitemaps/en-news.xml")

    assert root.nsmap == {None: NS["sm"], "news": NS["news"]}
    assert sorted(locs(root)) == sorted([absolute(crossing), absolute(market)])
    assert absolute(site_content.old_article) not in locs(root)
    (url,) = [
        u
        for u in root.iterfind("sm:url", NS)
        if u.findtext("sm:loc", namespaces=NS) == absolute(crossing)
    ]
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Nashra Network"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Iraq & Iran agree on border hours"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert W3C_DATETIME.match(published)
    assert published == crossing.published_at.isoformat(timespec="seconds")

    _response, root = fetch(client, "/sitemaps/ar-news.xml")
    assert locs(root) == [absolute(crossing_ar)]
    assert root.findtext(".//news:name", namespaces=NS) == "شبكة نشرة"
    assert root.findtext(".//news:language", namespaces=NS) == "ar"


def test_news_sitemap_stops_at_the_news_limit(client, site_content, monkeypatch):
    monkeypatch.setattr(entries, "NEWS_LIMIT", 1)
    _response, root = fetch(client, "/sitemaps/en-news.xml")

    assert len(locs(root)) == 1


def test_a_large_edition_is_split_into_files_under_the_limit(
    client, site_content, news, article_factory, monkeypatch
):
    news.refresh_from_db()
    articles = [article_factory(news, f"Bulletin {n}") for n in range(10)]
    monkeypatch.setattr(entries, "URL_LIMIT", 4)
    monkeypatch.setattr(entries, "CHUNK_SIZE", 3)

    files = [url for url in index_files(client) if "/sitemaps/en-pages-" in url]
    counts = [len(locs(fetch(client, url)[1])) for url in files]
    listed = edition_locs(client, "en")

    # 4 pages and 3 live articles from site_content, 10 bulletins: 17 URLs in files of 4.
    assert [urlsplit(url).path for url in files] == [
        f"/sitemaps/en-pages-{n}.xml" for n in range(1, 6)
    ]
    assert counts == [4, 4, 4, 4, 1]
    assert len(listed) == len(set(listed)) == 17
    for article in articles + site_content.live_articles[:1]:
        assert listed.count(absolute(article)) == 1
    assert client.get("/sitemaps/en-pages-6.xml").status_code == 404


def test_edition_sitemap_streams(client, site_content):
    response = client.get("/sitemaps/en-pages-1.xml")

    assert response.streaming
    assert body(response).startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


@pytest.mark.parametrize(
    "path",
    ["/sitemaps/fr-pages-1.xml", "/sitemaps/en-pages-0.xml", "/sitemaps/fr-news.xml"],
)
def test_unknown_sitemaps_are_not_found(client, site_content, path):
    assert client.get(path).status_code == 404


def test_robots_txt_points_to_the_index_and_keeps_crawlers_out_of_admin_and_search(
    client, site_content
):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert {"Disallow: /admin/", "Disallow: /en/search/", "Disallow: /ar/search/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
