"""Two editions with every kind of public page, and an article pair carrying everything."""

import datetime

import pytest
from django.utils import timezone

from nashra.core.tests.factories import NashraImageFactory
from nashra.corrections.tests.factories import CorrectionFactory, CorrectionsPageFactory
from nashra.news.tests.factories import ArticlePageFactory
from nashra.pages.tests.factories import ContactPageFactory, StandardPageFactory

from .factories import AR_PARAGRAPHS, EN_PARAGRAPHS, story


def _edition_pages(home, titles):
    about, contact, corrections = titles
    return {
        "about": StandardPageFactory(
            parent=home,
            title=about,
            slug="about",
            show_in_menus=True,
            intro=f"{about}.",
            body=[("paragraph", f"<p>{about}.</p>")],
        ),
        "contact": ContactPageFactory(parent=home, title=contact, show_in_menus=True),
        "corrections": CorrectionsPageFactory(parent=home, title=corrections, intro=""),
    }


@pytest.fixture
def newsroom(two_editions):
    """Both editions: sections, pages, and an English article with its Arabic translation."""
    en, ar = two_editions
    hero = NashraImageFactory(title="Hero", caption="Trucks at Mandali", credit="Photo: A. Saleh")
    gallery = [NashraImageFactory(title=f"Gallery {n}", caption=f"Scene {n}") for n in range(3)]
    now = timezone.now()
    original = ArticlePageFactory(
        parent=en.middle_east,
        title="Iraq and Iran agree on border crossing hours",
        lead="Trucks will cross at Mandali from dawn to midnight under the new deal.",
        published_at=now - datetime.timedelta(days=3),
        updated_at=now - datetime.timedelta(days=1),
        hero_image=hero,
        topics=[en.topic],
        sources=[en.source],
        authors=[en.author],
        body=story(EN_PARAGRAPHS, gallery, "This opens the road again.", "A customs officer"),
    )
    translation = ArticlePageFactory(
        parent=ar.middle_east,
        title="العراق وإيران يتفقان على ساعات عمل المنفذ الحدودي",
        lead="ستعبر الشاحنات منفذ مندلي من الفجر حتى منتصف الليل بموجب الاتفاق الجديد.",
        published_at=now - datetime.timedelta(days=2),
        hero_image=hero,
        topics=[ar.topic],
        sources=[ar.source],
        authors=[ar.author],
        body=story(AR_PARAGRAPHS, gallery, "هذا يفتح الطريق من جديد.", "ضابط جمارك", "مندلي"),
        translation_of=original,
    )
    correction = CorrectionFactory(
        article=original,
        text="An earlier version gave the wrong closing hour.",
        date=now - datetime.timedelta(hours=12),
    )
    return {
        "en": {
            "home": en.home,
            "section": en.middle_east,
            "article": original,
            "topic": en.topic,
            "author": en.author,
            **_edition_pages(en.home, ["About Us", "Contact Us", "Corrections"]),
        },
        "ar": {
            "home": ar.home,
            "section": ar.middle_east,
            "article": translation,
            "topic": ar.topic,
            "author": ar.author,
            **_edition_pages(ar.home, ["من نحن", "اتصل بنا", "تصحيحات"]),
        },
        "correction": correction,
    }


@pytest.fixture
def public_urls(newsroom):
    """Return a function: {name: URL} of every kind of public page of one edition."""

    def urls(language):
        edition = newsroom[language]
        home = edition["home"]
        return {
            "home": home.url,
            "section": edition["section"].url,
            "article": edition["article"].url,
            "topic": home.url + home.reverse_subpage("topic", args=[edition["topic"].slug]),
            "author": home.url + home.reverse_subpage("author", args=[edition["author"].slug]),
            "about": edition["about"].url,
            "contact": edition["contact"].url,
            "corrections": edition["corrections"].url,
            "not_found": f"/{language}/no-such-page/",
        }

    return urls
