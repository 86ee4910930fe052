"""Open Graph and Twitter cards as a link preview reads them; canonical and robots tags."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from nashra.core.dates import zone
from nashra.sources.models import Source

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def head(client, url, **params):
    response = client.get(url, params)
    return BeautifulSoup(response.content, "html.parser").head


def og(soup, name):
    """Return every content of <meta property=name>, or of <meta name=name> for Twitter."""
    return [
        tag["content"]
        for tag in soup.find_all("meta")
        if tag.get("property") == name or tag.get("name") == name
    ]


def canonical(soup):
    links = soup.select('link[rel="canonical"]')
    return [link["href"] for link in links]


def test_article_card_has_type_title_image_dates_section_and_tags(client, newsroom):
    article = newsroom["en"]["article"]
    soup = head(client, article.url)
    url = BASE + article.url
    assert canonical(soup) == [url]
    assert og(soup, "og:type") == ["article"]
    assert og(soup, "og:title") == ["Iraq and Iran agree on border crossing hours"]
    assert og(soup, "og:description") == [article.lead]
    assert og(soup, "description") == [article.lead]
    assert og(soup, "og:url") == [url]
    assert og(soup, "og:site_name") == ["Nashra Network"]
    assert og(soup, "og:locale") == ["en_US"]
    assert og(soup, "og:locale:alternate") == ["ar_AR"]
    [image] = og(soup, "og:image")
    assert image.startswith(f"{BASE}/media/images/hero") and image.endswith(".width-1200.jpg")
    assert og(soup, "og:image:width") == ["640"]
    assert og(soup, "og:image:height") == ["480"]
    assert og(soup, "og:image:alt") == ["Trucks at Mandali"]
    aden = zone("Asia/Aden")
    assert og(soup, "article:published_time") == [
        timezone.localtime(article.published_at, aden).isoformat(timespec="seconds")
    ]
    assert og(soup, "article:modified_time") == [
        timezone.localtime(article.updated_at, aden).isoformat(timespec="seconds")
    ]
    assert og(soup, "article:section") == ["Middle East"]
    assert og(soup, "article:tag") == ["Iraq"]
    assert og(soup, "article:author") == [f"{BASE}/en/authors/huda-mansour/"]
    assert og(soup, "twitter:card") == ["summary_large_image"]
    assert og(soup, "twitter:site") == ["@nashra"]
    assert og(soup, "twitter:title") == og(soup, "og:title")
    assert og(soup, "twitter:image") == [image]


def test_arabic_article_card_is_arabic(client, newsroom):
    article = newsroom["ar"]["article"]
    soup = head(client, article.url)
    assert og(soup, "og:locale") == ["ar_AR"]
    assert og(soup, "og:locale:alternate") == ["en_US"]
    assert og(soup, "og:site_name") == ["شبكة نشرة"]
    assert og(soup, "article:section") == ["الشرق الأوسط"]
    assert og(soup, "article:tag") == ["العراق"]
    assert og(soup, "twitter:site") == []  # the Arabic edition has no X account


def test_home_card_is_a_website_with_the_logo(client, newsroom):
    soup = head(client, "/en/")
    assert canonical(soup) == [f"{BASE}/en/"]
    assert og(soup, "og:type") == ["website"]
    assert og(soup, "og:title") == ["Nashra Network"]
    assert og(soup, "og:description") == [
        "This page is the English version of the Nashra Network website."
    ]
    assert og(soup, "og:image") == [f"{BASE}/static/img/logo.png"]
    assert og(soup, "og:image:width") == og(soup, "og:image:height") == ["512"]
    assert og(soup, "twitter:card") == ["summary"]
    assert client.get("/static/img/logo.png").status_code == 200


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_public_page_is_its_own_canonical(client, public_urls, language):
    for name, url in public_urls(language).items():
        soup = head(client, url)
        if name == "not_found":
            assert canonical(soup) == [], url
            assert og(soup, "robots") == ["noindex"]
        else:
            assert canonical(soup) == [BASE + url], url
            assert og(soup, "og:url") == [BASE + url], url
            assert og(soup, "robots") == [], url


def test_topic_and_author_cards_are_named_after_them(client, public_urls):
    urls = public_urls("en")
    assert og(head(client, urls["topic"]), "og:title") == ["#Iraq"]
    author = head(client, urls["author"])
    assert og(author, "og:title") == ["Huda Mansour"]
    assert og(author, "og:description") == ["Baghdad correspondent"]


def test_later_pages_of_a_listing_are_canonical_with_their_number(
    client, newsroom, public_urls, article_factory, settings
):
    settings.NASHRA_PAGE_SIZE = 1
    section = newsroom["en"]["section"]
    article_factory(section, "Second story")
    assert canonical(head(client, section.url)) == [BASE + section.url]
    assert canonical(head(client, section.url, page=1)) == [BASE + section.url]
    assert canonical(head(client, section.url, page=2)) == [f"{BASE}{section.url}?page=2"]
    topic = public_urls("en")["topic"]
    assert canonical(head(client, topic, utm_source="x")) == [BASE + topic]


def test_search_results_are_not_indexed_and_canonical_drops_the_query(client, newsroom):
    soup = head(client, "/en/search/", q="Mandali")
    assert og(soup, "robots") == ["noindex, follow"]
    assert canonical(soup) == [f"{BASE}/en/search/"]


def test_meta_text_is_escaped(client, newsroom, article_factory):
    source = Source.objects.create(name="Wire", locale=newsroom["en"]["home"].locale)
    article = article_factory(
        newsroom["en"]["section"], 'Quote "marks" <b>tags</b>', sources=[source]
    )
    html = client.get(article.url).content.decode()
    assert (
        '<meta property="og:title" content="Quote &quot;marks&quot; &lt;b&gt;tags&lt;/b&gt;">'
        in html
    )


def test_rich_text_introduction_becomes_a_plain_description(client, newsroom):
    contact = newsroom["en"]["contact"]
    contact.intro = "<p>Write to the <b>newsroom</b> &amp; we reply.</p>"
    contact.save_revision().publish()
    soup = head(client, contact.url)
    assert og(soup, "description") == ["Write to the newsroom & we reply."]
    assert og(soup, "og:title") == ["Contact Us"]
