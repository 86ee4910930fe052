"""Two editions with a section, a topic, an author and articles, and the feeds to read them by."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from nashra.home.services import get_or_create_section
from nashra.people.models import Author
from nashra.topics.models import Topic

FORMATS = {"rss": "feed/", "atom": "feed/atom/", "json": "feed/json/"}
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}


@dataclass
class Edition:
    language: str
    site_name: str
    home: object
    section: object
    topic: object
    author: object
    tagged: object  # an article with hero, topic, author and a rich body
    plain: object  # an older article with none of those

    def page_url(self, kind):
        """Return the path of the page whose feeds are of this kind."""
        return {
            "edition": self.home.url,
            "section": self.section.url,
            "topic": self.home.url + self.home.reverse_subpage("topic", args=[self.topic.slug]),
            "author": self.home.url + self.home.reverse_subpage("author", args=[self.author.slug]),
        }[kind]

    def feed_url(self, kind, feed_format):
        return self.page_url(kind) + FORMATS[feed_format]


def build_edition(home, language, site_name, names, article_factory, image_factory):
    section = get_or_create_section(home, "news", names["section"])[0]
    topic = Topic.objects.create(name=names["topic"], locale=home.locale)
    author = Author.objects.create(name=names["author"], locale=home.locale)
    hero = image_factory(f"Hero {language}")
    body = [
        ("paragraph", f'<p>{names["body"]} <a href="{section.url}">{names["section"]}</a></p>'),
        ("image", {"image": hero, "caption": names["caption"], "credit": ""}),
    ]
    now = timezone.now()
    plain = article_factory(section, names["plain"], published_at=now - datetime.timedelta(days=1))
    tagged = article_factory(
        section,
        names["tagged"],
        published_at=now - datetime.timedelta(hours=2),
        updated_at=now - datetime.timedelta(hours=1),
        hero_image=hero,
        body=body,
        topics=[topic],
        authors=[author],
    )
    return Edition(language, site_name, home, section, topic, author, tagged, plain)


@pytest.fixture
def editions(en_home, ar_home, article_factory, image_factory):
    english = {
        "section": "News",
        "topic": "Iraq",
        "author": "Huda Mansour",
        "body": "The port reopened on Monday.",
        "caption": "The harbour at dawn",
        "plain": "Markets steady",
        "tagged": "Port reopens",
    }
    arabic = {
        "section": "أخبار",
        "topic": "العراق",
        "author": "هدى منصور",
        "body": "أعيد فتح الميناء يوم الاثنين.",
        "caption": "الميناء عند الفجر",
        "plain": "استقرار الأسواق",
        "tagged": "الميناء يفتح",
    }
    return {
        "en": build_edition(
            en_home, "en", "Nashra Network", english, article_factory, image_factory
        ),
        "ar": build_edition(ar_home, "ar", "شبكة نشرة", arabic, article_factory, image_factory),
    }
