"""Two editions with every kind of public page, and an article pair carrying everything."""

import datetime
import uuid

import pytest
from django.utils import timezone

from nashra.corrections.models import Correction, CorrectionsPage
from nashra.corrections.services import add_correction
from nashra.home.services import get_or_create_section
from nashra.news.translations import link_translation
from nashra.pages.models import ContactPage, StandardPage
from nashra.people.models import Author
from nashra.sources.models import Source
from nashra.topics.models import Topic

EN_PARAGRAPHS = [
    "The agreement was signed on Sunday by the two transport ministers in Baghdad, after "
    "months of talks between the chambers of commerce of both countries.",
    "Customs officers on both sides will keep the Mandali crossing open from dawn to midnight, "
    "and lorry drivers will no longer wait overnight in the queue at the border.",
]
AR_PARAGRAPHS = [
    "وقّع وزيرا النقل الاتفاق يوم الأحد في بغداد بحضور ممثلي غرف التجارة في البلدين، "
    "بعد أشهر من المفاوضات حول تنظيم حركة الشاحنات والمسافرين.",
    "سيبقى منفذ مندلي مفتوحًا من الفجر حتى منتصف الليل أمام الشاحنات والمسافرين، "
    "ولن يضطر السائقون بعد اليوم إلى المبيت في الطابور على الحدود.",
]


def _add_page(home, page):
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _edition_pages(home, titles):
    about, contact, corrections = titles
    return {
        "about": _add_page(
            home,
            StandardPage(
                title=about,
                slug="about",
                show_in_menus=True,
                intro=f"{about}.",
                body=[("paragraph", f"<p>{about}.</p>")],
            ),
        ),
        "contact": _add_page(home, ContactPage(title=contact, slug="contact", show_in_menus=True)),
        "corrections": _add_page(home, CorrectionsPage(title=corrections, slug="corrections")),
    }


def _story(paragraphs, images, quote, attribution, heading="Mandali"):
    return [
        ("paragraph", f"<p>{paragraphs[0]}</p>"),
        ("subheading", heading),
        ("quote", {"quote": quote, "attribution": attribution}),
        ("paragraph", f"<p>{paragraphs[1]}</p>"),
        (
            "gallery",
            {
                "title": heading,
                "images": [{"image": image, "caption": "", "credit": ""} for image in images],
            },
        ),
    ]


@pytest.fixture
def newsroom(en_home, ar_home, middle_east, image_factory, article_factory):
    """Both editions: sections, pages, and an English article with its Arabic translation."""
    en, ar = en_home.locale, ar_home.locale
    ar_news = get_or_create_section(ar_home, "news", "أخبار")[0]
    ar_news.translation_key = middle_east.get_parent().translation_key
    ar_news.save()
    ar_me = get_or_create_section(
        ar_home, "news/middle-east", "الشرق الأوسط", translation_key=middle_east.translation_key
    )[0]
    key = uuid.uuid4()
    topics = {
        "en": [Topic.objects.create(name="Iraq", locale=en, translation_key=key)],
        "ar": [Topic.objects.create(name="العراق", locale=ar, translation_key=key)],
    }
    writer = Author.objects.create(name="Huda Mansour", locale=en, role="Baghdad correspondent")
    writer_ar = Author.objects.create(
        name="هدى المنصور", locale=ar, translation_key=writer.translation_key
    )
    reuters = Source.objects.create(
        name="Reuters", url="https://www.reuters.com/", kind=Source.Kind.WIRE_AGENCY, locale=en
    )
    reuters_ar = Source.objects.create(
        name="رويترز",
        url="https://www.reuters.com/",
        locale=ar,
        translation_key=reuters.translation_key,
    )
    hero = image_factory("Hero", caption="Trucks at Mandali", credit="Photo: A. Saleh")
    gallery = [image_factory(f"Gallery {n}", caption=f"Scene {n}") for n in range(3)]
    now = timezone.now()
    original = article_factory(
        middle_east,
        "Iraq and Iran agree on border crossing hours",
        lead="Trucks will cross at Mandali from dawn to midnight under the new deal.",
        published_at=now - datetime.timedelta(days=3),
        updated_at=now - datetime.timedelta(days=1),
        hero_image=hero,
        topics=topics["en"],
        sources=[reuters],
        authors=[writer],
        body=_story(EN_PARAGRAPHS, gallery, "This opens the road again.", "A customs officer"),
    )
    translation = article_factory(
        ar_me,
        "العراق وإيران يتفقان على ساعات عمل المنفذ الحدودي",
        lead="ستعبر الشاحنات منفذ مندلي من الفجر حتى منتصف الليل بموجب الاتفاق الجديد.",
        published_at=now - datetime.timedelta(days=2),
        hero_image=hero,
        topics=topics["ar"],
        sources=[reuters_ar],
        authors=[writer_ar],
        body=_story(AR_PARAGRAPHS, gallery, "هذا يفتح الطريق من جديد.", "ضابط جمارك", "مندلي"),
    )
    link_translation(translation, original)
    translation.refresh_from_db()
    correction = add_correction(
        original,
        Correction.Kind.CORRECTION,
        "An earlier version gave the wrong closing hour.",
        date=now - datetime.timedelta(hours=12),
    )
    return {
        "en": {
            "home": en_home,
            "section": middle_east,
            "article": original,
            "topic": topics["en"][0],
            "author": writer,
            **_edition_pages(en_home, ["About Us", "Contact Us", "Corrections"]),
        },
        "ar": {
            "home": ar_home,
            "section": ar_me,
            "article": translation,
            "topic": topics["ar"][0],
            "author": writer_ar,
            **_edition_pages(ar_home, ["من نحن", "اتصل بنا", "تصحيحات"]),
        },
        "correction": correction,
    }


def public_urls(newsroom, language):
    """Return {name: URL} of every kind of public page of one edition."""
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
