"""A demo-like site in both editions, with one of every kind of public page, to aim at."""

import datetime
import uuid
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from nashra.corrections.models import Correction, CorrectionsPage
from nashra.corrections.services import add_correction
from nashra.curation.models import BreakingNews
from nashra.home.services import get_or_create_section
from nashra.news.translations import link_translation
from nashra.pages.models import ContactPage, StandardPage
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

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


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _edition(home, names, site, article_factory, image_factory, key=None, now=None):
    language = home.locale.language_code
    news = get_or_create_section(home, "news", names["news"], translation_key=key)[0]
    region = get_or_create_section(home, "news/middle-east", names["region"])[0]
    news.refresh_from_db()  # region was added below it through another instance
    topic = Topic.objects.create(
        name=names["topic"], locale=home.locale, translation_key=names["topic_key"]
    )
    other_topic = Topic.objects.create(name=names["topic"] + " 2", locale=home.locale)
    author = Author.objects.create(
        name=names["author"], locale=home.locale, translation_key=names["author_key"]
    )
    source = Source.objects.create(
        name=names["source"], url="https://wire.example/", locale=home.locale
    )
    hero = image_factory(f"Hero {language}", caption=names["caption"], credit="Photo desk")
    gallery = [image_factory(f"Gallery {language} {n}") for n in range(2)]
    body = [
        ("paragraph", f"<p>{names['body']} <a href='{news.url}'>{names['news']}</a></p>"),
        ("subheading", names["region"]),
        ("quote", {"quote": names["body"], "attribution": names["author"]}),
        (
            "gallery",
            {
                "title": names["region"],
                "images": [{"image": image, "caption": "", "credit": ""} for image in gallery],
            },
        ),
    ]
    articles = [
        article_factory(
            region if number % 2 else news,
            f"{names['headline']} {number}",
            published_at=now - datetime.timedelta(hours=number * 7),
            updated_at=now - datetime.timedelta(hours=number * 3) if number == 1 else None,
            hero_image=hero,
            body=body,
            topics=[topic, other_topic] if number % 2 else [topic],
            authors=[author],
            sources=[source],
        )
        for number in range(5)
    ]
    # Kept out of every listing: a draft and an embargoed story.
    article_factory(news, names["headline"] + " draft", publish=False)
    article_factory(
        news, names["headline"] + " embargo", embargo_until=now + datetime.timedelta(days=1)
    )
    for page in (
        StandardPage(title=names["about"], slug="about", intro=names["about"]),
        ContactPage(title=names["contact"], slug="contact"),
        CorrectionsPage(title=names["corrections"], slug="corrections"),
    ):
        _publish(home, page)
    members = get_or_create_section(home, "members", names["members"])[0]
    home.refresh_from_db()
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    article_factory(members, names["headline"] + " members")
    site.homes[language] = home
    site.topics[language] = [topic, other_topic]
    site.authors[language] = [author]
    site.articles += articles
    site.restriction = restriction
    return news, articles


@pytest.fixture
def site(en_home, ar_home, article_factory, image_factory, settings):
    """Both editions: sections, articles with everything, topics, authors, pages, corrections."""
    settings.NASHRA_PAGE_SIZE = PAGE_SIZE
    now = timezone.now()
    site = Site()
    topic_key, author_key = uuid.uuid4(), uuid.uuid4()
    en_news, en_articles = _edition(
        en_home,
        {
            "news": "News",
            "region": "Middle East",
            "topic": "Iraq",
            "topic_key": topic_key,
            "author": "Huda Mansour",
            "author_key": author_key,
            "source": "Reuters",
            "caption": "The harbour at dawn",
            "body": "The port reopened on Monday.",
            "headline": "Port reopens",
            "about": "About us",
            "contact": "Contact us",
            "corrections": "Corrections",
            "members": "Members",
        },
        site,
        article_factory,
        image_factory,
        now=now,
    )
    _ar_news, ar_articles = _edition(
        ar_home,
        {
            "news": "أخبار",
            "region": "الشرق الأوسط",
            "topic": "العراق",
            "topic_key": topic_key,
            "author": "هدى منصور",
            "author_key": author_key,
            "source": "رويترز",
            "caption": "الميناء عند الفجر",
            "body": "أعيد فتح الميناء يوم الاثنين.",
            "headline": "الميناء يفتح",
            "about": "من نحن",
            "contact": "اتصل بنا",
            "corrections": "تصحيحات",
            "members": "الأعضاء",
        },
        site,
        article_factory,
        image_factory,
        key=en_news.translation_key,
        now=now,
    )
    link_translation(ar_articles[0], en_articles[0])
    for article in (en_articles[0], ar_articles[1]):
        add_correction(article, Correction.Kind.CORRECTION, "An earlier version erred.")
    BreakingNews.objects.create(locale=en_home.locale, text="Breaking", article=en_articles[0])
    document = get_document_model()(title="Report")
    document.file.save("report.txt", ContentFile(b"A public report."), save=True)
    site.document = document
    return site
