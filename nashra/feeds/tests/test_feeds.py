import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from .readers import read_feed

pytestmark = pytest.mark.django_db

ROOT = "http://localhost"
KINDS = ["edition", "section", "topic", "author"]
FORMATS = ["rss", "atom", "json"]


def absolute(path):
    return unquote(ROOT + path)


def expected_title(edition, kind):
    name = {
        "edition": None,
        "section": edition.section.title,
        "topic": edition.topic.hashtag,
        "author": edition.author.name,
    }[kind]
    return edition.site_name if name is None else f"{edition.site_name} – {name}"


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_feed_has_title_links_language_and_entries(client, editions, language, kind, feed_format):
    edition = editions[language]
    feed = read_feed(client, edition.feed_url(kind, feed_format), feed_format)
    assert feed.title == expected_title(edition, kind)
    assert unquote(feed.link) == absolute(edition.page_url(kind))
    assert unquote(feed.self_url) == absolute(edition.feed_url(kind, feed_format))
    assert feed.language == language
    expected = (
        [edition.tagged, edition.plain] if kind in ("edition", "section") else [edition.tagged]
    )
    assert [entry.title for entry in feed.entries] == [article.title for article in expected]
    assert [unquote(entry.link) for entry in feed.entries] == [
        unquote(article.get_full_url()) for article in expected
    ]
    assert all(entry.id == entry.link for entry in feed.entries)


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_entry_has_dates_authors_topics_and_hero_enclosure(client, editions, language, feed_format):
    edition = editions[language]
    tagged, plain = read_feed(client, edition.feed_url("edition", feed_format), feed_format).entries
    article = edition.tagged
    assert tagged.published == article.published_at.replace(microsecond=0)
    if feed_format != "rss":  # RSS 2.0 has no per-item update date
        assert tagged.updated == article.updated_at.replace(microsecond=0)
    author_url = absolute(edition.page_url("author"))
    if feed_format == "rss":  # dc:creator carries a name only
        assert tagged.authors == [(edition.author.name, "")]
    else:
        assert [(name, unquote(url)) for name, url in tagged.authors] == [
            (edition.author.name, author_url)
        ]
    assert tagged.tags == [edition.topic.name]
    rendition = article.hero_image.get_rendition("width-1200")
    assert tagged.enclosures == [(ROOT + rendition.url, rendition.file.size, "image/jpeg")]
    assert (plain.tags, plain.enclosures, plain.authors) == ([], [], [])
    assert plain.updated == plain.published == edition.plain.published_at.replace(microsecond=0)


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_full_content_is_the_rendered_body_with_absolute_urls(
    client, editions, language, feed_format
):
    edition = editions[language]
    entry = read_feed(client, edition.feed_url("section", feed_format), feed_format).entries[0]
    assert entry.summary == edition.tagged.lead
    content = BeautifulSoup(entry.content, "html.parser")
    assert edition.tagged.body[0].value.source.split(" <a")[0][3:] in content.get_text()
    link = content.select_one(".block-paragraph a")
    assert unquote(link["href"]) == absolute(edition.section.url)
    images = content.select("img")
    assert len(images) == 2  # the hero and the body's image, as on the page
    addresses = [
        element.get("href") or element.get("src") for element in content.select("[href], [src]")
    ]
    addresses += [
        candidate.split()[0]
        for image in images
        if image.get("srcset")
        for candidate in image["srcset"].split(",")
    ]
    assert addresses and all(address.startswith(ROOT + "/") for address in addresses)


@pytest.mark.parametrize("feed_format", FORMATS)
def test_summary_mode_carries_the_lead_only(client, editions, feed_format):
    edition = editions["en"]
    url = edition.feed_url("edition", feed_format) + "?content=summary"
    feed = read_feed(client, url, feed_format)
    assert feed.self_url == ROOT + url
    entry = feed.entries[0]
    assert entry.summary == edition.tagged.lead
    if feed_format == "json":
        assert entry.content == edition.tagged.lead  # content_text, required by JSON Feed
    else:
        assert entry.content == ""
    assert entry.enclosures  # the hero stays


def test_feed_holds_the_latest_fifty_articles(client, en_home, news, article_factory):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    for number in range(53):
        article_factory(
            news, f"Story {number}", published_at=now - datetime.timedelta(minutes=number)
        )
    for feed_format in FORMATS:
        entries = read_feed(
            client,
            en_home.url + "feed/" + {"rss": "", "atom": "atom/", "json": "json/"}[feed_format],
            feed_format,
        ).entries
        assert [entry.title for entry in entries] == [f"Story {number}" for number in range(50)]


def test_unknown_topic_or_author_feed_is_404(client, editions):
    for path in ("topics/nowhere/feed/", "authors/nobody/feed/atom/", "topics/nowhere/feed/json/"):
        assert client.get(f"/en/{path}").status_code == 404
    # A topic of the other edition is not this edition's.
    arabic_topic = editions["ar"].topic.slug
    assert client.get(f"/en/topics/{arabic_topic}/feed/").status_code == 404


def test_drafts_and_other_editions_stay_out(client, editions, article_factory):
    english = editions["en"]
    article_factory(english.section, "Draft story", publish=False)
    titles = {entry.title for entry in read_feed(client, "/en/feed/json/", "json").entries}
    assert "Draft story" not in titles
    assert titles == {english.tagged.title, english.plain.title}


def test_dates_are_rfc_3339_in_atom_and_json(client, editions):
    atom = client.get("/en/feed/atom/").content.decode()
    rfc3339 = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"
    for tag in ("updated", "published"):
        values = re.findall(rf"<{tag}>(.*?)</{tag}>", atom)
        assert values and all(re.fullmatch(rfc3339, value) for value in values)
