"""A demo-like site in both editions, with one of every kind of public page, to aim at."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from nashra.core.tests.factories import NashraImageFactory, gallery
from nashra.corrections.tests.factories import CorrectionFactory, CorrectionsPageFactory
from nashra.curation.models import BreakingNews
from nashra.live.models import LiveUpdate
from nashra.live.tests.factories import LivePageFactory, LiveUpdateFactory
from nashra.news.tests.factories import ArticlePageFactory, SectionPageFactory
from nashra.pages.tests.factories import ContactPageFactory, StandardPageFactory
from nashra.topics.tests.factories import TopicFactory

# Small pages, so that the listings have a second and a last page to ask for.
PAGE_SIZE = 2


@dataclass
class Site:
    """The public pages of the world, and what their URLs are built from."""

    homes: dict = field(default_factory=dict)  # language -> HomePage
    topics: dict = field(default_factory=dict)  # language -> [Topic]
    authors: dict = field(default_factory=dict)  # language -> [Author]
    articles: list = field(default_factory=list)
    restriction: PageViewRestriction = None
    document: object = None


def _edition(edition, names, site, now, translations_of=()):
    """Fill one edition of two_editions; its first article translates translations_of[0]."""
    home, news, region, language = edition.home, edition.news, edition.middle_east, edition.language
    topic, author = edition.topic, edition.author
    other_topic = TopicFactory(name=topic.name + " 2", language=language)
    hero = NashraImageFactory(
        title=f"Hero {language}", caption=names["caption"], credit="Photo desk"
    )
    images = [NashraImageFactory(title=f"Gallery {language} {n}") for n in range(2)]
    body = [
        ("paragraph", f"<p>{names['body']} <a href='{news.url}'>{news.title}</a></p>"),
        ("subheading", region.title),
        ("quote", {"quote": names["body"], "attribution": author.name}),
        gallery(images, title=region.title),
    ]
    articles = [
        ArticlePageFactory(
            parent=region if number % 2 else news,
            title=f"{names['headline']} {number}",
            published_at=now - datetime.timedelta(hours=number * 7),
            updated_at=now - datetime.timedelta(hours=number * 3) if number == 1 else None,
            hero_image=hero,
            body=body,
            topics=[topic, other_topic] if number % 2 else [topic],
            authors=[author],
            sources=[edition.source],
            translation_of=translations_of[number] if number < len(translations_of) else None,
        )
        for number in range(5)
    ]
    # Kept out of every listing: a draft and an embargoed story.
    ArticlePageFactory(parent=news, title=names["headline"] + " draft", draft=True)
    ArticlePageFactory(
        parent=news,
        title=names["headline"] + " embargo",
        embargo_until=now + datetime.timedelta(days=1),
    )
    live = LivePageFactory(parent=news, title=names["headline"] + " live", hero_image=hero)
    for number in range(3):
        LiveUpdateFactory(page=live, title=f"{names['headline']} {number}", body=body[:3])
    LiveUpdateFactory(page=live, status=LiveUpdate.Status.DRAFT, published_at=None)
    StandardPageFactory(parent=home, title=names["about"], slug="about", intro=names["about"])
    ContactPageFactory(parent=home, title=names["contact"])
    CorrectionsPageFactory(parent=home, title=names["corrections"], intro="")
    members = SectionPageFactory(parent=home, title=names["members"], slug="members")
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    ArticlePageFactory(parent=members, title=names["headline"] + " members")
    site.homes[language] = home
    site.topics[language] = [topic, other_topic]
    site.authors[language] = [author]
    site.articles += articles
    site.restriction = restriction
    return articles


@pytest.fixture
def site(two_editions, settings):
    """Both editions: sections, articles with everything, topics, authors, pages, corrections."""
    settings.NASHRA_PAGE_SIZE = PAGE_SIZE
    now = timezone.now()
    site = Site()
    en_articles = _edition(
        two_editions.en,
        {
            "caption": "The harbour at dawn",
            "body": "The port reopened on Monday.",
            "headline": "Port reopens",
            "about": "About us",
            "contact": "Contact us",
            "corrections": "Corrections",
            "members": "Members",
        },
        site,
        now,
    )
    ar_articles = _edition(
        two_editions.ar,
        {
            "caption": "الميناء عند الفجر",
            "body": "أعيد فتح الميناء يوم الاثنين.",
            "headline": "الميناء يفتح",
            "about": "من نحن",
            "contact": "اتصل بنا",
            "corrections": "تصحيحات",
            "members": "الأعضاء",
        },
        site,
        now,
        translations_of=en_articles[:1],
    )
    for article in (en_articles[0], ar_articles[1]):
        CorrectionFactory(article=article)
    BreakingNews.objects.create(
        locale=two_editions.en.locale, text="Breaking", article=en_articles[0]
    )
    document = get_document_model()(title="Report")
    document.file.save("report.txt", ContentFile(b"A public report."), save=True)
    site.document = document
    return site
