"""A view-restricted story leaves every outlet of both editions, and comes back when lifted.

Every outlet is fetched while the story is public first, with the page cache on: what a
restriction must do is proven, purging each cached page that showed the story, not only
leaving it out of the pages rendered afterwards.
"""

import datetime
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from django.core.cache import caches
from django.utils import timezone
from wagtail.models import PageViewRestriction

from nashra.analytics.models import ArticleViews
from nashra.caching.middleware import CACHE_STATUS_HEADER
from nashra.corrections.models import Correction, CorrectionsPage
from nashra.corrections.services import add_correction
from nashra.curation.models import FeaturedSlot, HomeCuration
from nashra.home.services import get_or_create_section
from nashra.news.translations import link_translation
from nashra.people.models import Author
from nashra.search.models import SearchEntry
from nashra.sources.models import Source
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db

FEEDS = ("feed/", "feed/atom/", "feed/json/")
# Words found nowhere else on the site: in the headline (and so the URL and lead), the body.
STORIES = {
    "en": {
        "title": "Zorbulon accord signed at the harbour",
        "slug": "zorbulon-accord",
        "lead": "The Zorbulon accord reopens the harbour.",
        "body": "Harbour pilots praised the quixotrane clause of the accord.",
        "search": ("zorbulon", "quixotrane"),
        "markers": ("zorbulon", "quixotrane"),
    },
    "ar": {
        "title": "توقيع اتفاق زربولون في الميناء",
        "slug": "zarbulun-ittifaq",
        "lead": "اتفاق زربولون يعيد فتح الميناء.",
        "body": "أشاد مرشدو الميناء ببند قسطرانة في الاتفاق.",
        "search": ("زربولون", "قسطرانة"),
        "markers": ("زربولون", "قسطرانة", "zarbulun"),
    },
}
NAMES = {
    "en": {"news": "News", "section": "Middle East", "topic": "Harbours", "author": "Huda Mansour"},
    "ar": {"news": "أخبار", "section": "الشرق الأوسط", "topic": "موانئ", "author": "هدى المنصور"},
}


@dataclass
class PrivateEdition:
    language: str
    home: object
    news: object
    section: object  # the story's section, below news
    topic: object
    author: object
    corrections: object
    story: object
    neighbour: object  # a public article in news sharing the story's topic: shows it as related

    @property
    def markers(self):
        return STORIES[self.language]["markers"]

    def outlets(self):
        """Return {name: URL} of every place of this edition that may show an article."""
        home = self.home
        listings = {
            "home": home.url,
            "news": self.news.url,
            "section": self.section.url,
            "topic": home.url + home.reverse_subpage("topic", args=[self.topic.slug]),
            "author": home.url + home.reverse_subpage("author", args=[self.author.slug]),
            "corrections": self.corrections.url,
        }
        urls = dict(listings)
        for name, url in listings.items():
            for feed in FEEDS:
                urls[f"{name} {feed}"] = url + feed
        urls["story"] = self.story.url
        urls["neighbour"] = self.neighbour.url
        for word in STORIES[self.language]["search"]:
            urls[f"search {word}"] = home.url + "search/?q=" + quote(word)
        for kind in ("pages", "topics", "authors"):
            urls[f"sitemap {kind}"] = f"/sitemaps/{self.language}-{kind}-1.xml"
        urls["news sitemap"] = f"/sitemaps/{self.language}-news.xml"
        return {f"{self.language} {name}": url for name, url in urls.items()}


def build_edition(home, language, news, section, keys, article_factory):
    now = timezone.now()
    names, story = NAMES[language], STORIES[language]
    for parent in (home, news, section):
        parent.refresh_from_db()  # children were added through other instances
    topic = Topic.objects.create(name=names["topic"], locale=home.locale, translation_key=keys[0])
    author = Author.objects.create(
        name=names["author"], locale=home.locale, translation_key=keys[1]
    )
    source = Source.objects.create(name="Reuters", locale=home.locale, translation_key=keys[2])
    corrections = CorrectionsPage(title="Corrections", slug="corrections")
    home.add_child(instance=corrections)
    corrections.save_revision().publish()
    article = article_factory(
        section,
        story["title"],
        slug=story["slug"],
        lead=story["lead"],
        body=[("paragraph", f"<p>{story['body']}</p>")],
        published_at=now - datetime.timedelta(hours=1),
        topics=[topic],
        authors=[author],
        sources=[source],
    )
    neighbour = article_factory(
        news,
        f"{names['news']} {language} 1",
        published_at=now - datetime.timedelta(hours=3),
        topics=[topic],
        sources=[source],
    )
    hour = now.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    ArticleViews.objects.create(page=article, locale=home.locale, hour=hour, views=50)
    curation = HomeCuration(locale=home.locale, top_story=article)
    curation.featured_slots = [FeaturedSlot(article=article)]
    curation.save()
    return PrivateEdition(
        language, home, news, section, topic, author, corrections, article, neighbour
    )


@pytest.fixture
def editions(en_home, ar_home, news, middle_east, article_factory):
    """Both editions, each with the story (the two versions linked as translations)."""
    ar_news = get_or_create_section(
        ar_home, "news", NAMES["ar"]["news"], translation_key=news.translation_key
    )[0]
    ar_section = get_or_create_section(
        ar_home,
        "news/middle-east",
        NAMES["ar"]["section"],
        translation_key=middle_east.translation_key,
    )[0]
    keys = [uuid.uuid4() for _ in range(3)]
    english = build_edition(en_home, "en", news, middle_east, keys, article_factory)
    arabic = build_edition(ar_home, "ar", ar_news, ar_section, keys, article_factory)
    link_translation(arabic.story, english.story)
    for edition in (english, arabic):
        add_correction(edition.story, Correction.Kind.CORRECTION, "The date was wrong.")
    return {"en": english, "ar": arabic}


def text_of(response, url):
    """Return what a response shows besides what was asked of it, lower-cased.

    A page may repeat its own address (a password form does) and the words searched for
    (a search page does): neither says anything about the story.
    """
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    # URLs are percent-encoded in sitemaps and feeds: read them plain.
    text = unquote(content).lower().replace(unquote(url).lower(), "")
    for words in parse_qs(urlsplit(url).query).values():
        for word in words:
            text = text.replace(word.lower(), "")
    return text


def showing(client, urls, markers):
    """Return the names of the outlets whose response shows any of the markers."""
    return {
        name
        for name, url in urls.items()
        if any(marker in text_of(client.get(url), url) for marker in markers)
    }


RESTRICTIONS = {
    "login": lambda edition: {"page": edition.story, "restriction_type": PageViewRestriction.LOGIN},
    "password": lambda edition: {
        "page": edition.story,
        "restriction_type": PageViewRestriction.PASSWORD,
        "password": "s3cret",
    },
    "section": lambda edition: {
        "page": edition.section,
        "restriction_type": PageViewRestriction.LOGIN,
    },
}
# Where the public story must show, in its own edition and the other one.
SHOWN_IN_ITS_EDITION = [
    "home",
    "news",
    "section",
    "topic",
    "author",
    "corrections",
    *[f"{listing} {feed}" for listing in ("home", "news", "section", "topic") for feed in FEEDS],
    *[f"{listing} {feed}" for listing in ("author", "corrections") for feed in FEEDS],
    "story",
    "neighbour",
    "sitemap pages",
    "news sitemap",
]
SHOWN_IN_THE_OTHER = ["story", "sitemap pages"]  # language switcher, hreflang, JSON-LD


@pytest.mark.parametrize("restriction", RESTRICTIONS)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_private_story_leaves_every_outlet_and_comes_back(
    client, page_cache, commit, editions, language, restriction
):
    edition = editions[language]
    other = editions["ar" if language == "en" else "en"]
    urls = {**edition.outlets(), **other.outlets(), "sitemap index": "/sitemap.xml"}
    public = showing(client, urls, edition.markers)
    expected = {f"{language} {name}" for name in SHOWN_IN_ITS_EDITION}
    expected |= {f"{search}" for search in urls if search.startswith(f"{language} search")}
    expected |= {f"{other.language} {name}" for name in SHOWN_IN_THE_OTHER}
    assert expected - public == set(), "the public story is missing from these outlets"
    others_public = showing(client, urls, other.markers)
    assert client.get(edition.home.url)[CACHE_STATUS_HEADER] == "hit"

    kept_out = commit(PageViewRestriction.objects.create, **RESTRICTIONS[restriction](edition))

    leaks = showing(client, urls, edition.markers)
    assert not leaks, f"the private story leaks through {sorted(leaks)}"
    # Only the story's own page and sitemap entry stopped linking to its public counterpart.
    linked_from_the_story = {f"{language} story", f"{language} sitemap pages"}
    assert showing(client, urls, other.markers) == others_public - linked_from_the_story
    assert client.get(edition.story.url).status_code in (200, 302)  # a login or password form
    assert not SearchEntry.objects.filter(page=edition.story).exists(), "still in the index"

    commit(kept_out.delete)

    # Back at once, except on other articles' pages: as for a story just published, their
    # related and most-read lists take it in when those pages' cache lifetimes run out.
    assert SearchEntry.objects.filter(page=edition.story).exists(), "not back in the index"
    other_articles = {f"{language} neighbour"}
    assert public - other_articles <= showing(client, urls, edition.markers)
    caches["pages"].clear()
    assert showing(client, urls, edition.markers) == public, "the story did not come back"
