"""Two editions with a section, a topic, an author and articles, and the feeds to read them by."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from nashra.core.tests.factories import NashraImageFactory
from nashra.news.tests.factories import ArticlePageFactory

from .readers import FORMATS


@dataclass
class FeedEdition:
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


def build_edition(edition, site_name, names):
    """Add to one edition of two_editions an older plain article and a tagged one in News."""
    section = edition.news
    hero = NashraImageFactory(title=f"Hero {edition.language}")
    body = [
        ("paragraph", f'<p>{names["body"]} <a href="{section.url}">{section.title}</a></p>'),
        ("image", {"image": hero, "caption": names["caption"], "credit": ""}),
    ]
    now = timezone.now()
    plain = ArticlePageFactory(
        parent=section, title=names["plain"], published_at=now - datetime.timedelta(days=1)
    )
    tagged = ArticlePageFactory(
        parent=section,
        title=names["tagged"],
        published_at=now - datetime.timedelta(hours=2),
        updated_at=now - datetime.timedelta(hours=1),
        hero_image=hero,
        body=body,
        topics=[edition.topic],
        authors=[edition.author],
    )
    return FeedEdition(
        edition.language,
        site_name,
        edition.home,
        section,
        edition.topic,
        edition.author,
        tagged,
        plain,
    )


@pytest.fixture
def editions(two_editions):
    english = {
        "body": "The port reopened on Monday.",
        "caption": "The harbour at dawn",
        "plain": "Markets steady",
        "tagged": "Port reopens",
    }
    arabic = {
        "body": "أعيد فتح الميناء يوم الاثنين.",
        "caption": "الميناء عند الفجر",
        "plain": "استقرار الأسواق",
        "tagged": "الميناء يفتح",
    }
    return {
        "en": build_edition(two_editions.en, "Nashra Network", english),
        "ar": build_edition(two_editions.ar, "شبكة نشرة", arabic),
    }
