"""The generated benchmark archive: a valid page tree whose articles read like any other."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from nashra.demo.archive import GENERATED_URI_PREFIX
from nashra.news.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db


def generate(count=300, *options, seed=1):
    call_command(
        "generate_archive", f"--articles={count}", f"--seed={seed}", "--no-index", *options
    )


def generated():
    return ArticlePage.objects.filter(wire_uri__startswith=GENERATED_URI_PREFIX)


def assert_tree_is_sound():
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count(), section.url_path


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def editions(en_home, ar_home, middle_east):
    return {"en": en_home, "ar": ar_home}


def test_archive_spreads_over_both_editions_in_a_sound_tree(editions):
    generate(300)

    assert_tree_is_sound()
    assert ArticlePage.objects.live().count() == generated().count() == 300
    for language, home in editions.items():
        articles = generated().filter(locale=home.locale)
        assert 100 < articles.count() < 200, language
        sections = SectionPage.objects.descendant_of(home)
        assert sections.count() >= 6  # the Arabic edition had none: sections were added
        assert articles.descendant_of(home).count() == articles.count()
        assert articles.filter(published_at__isnull=True).count() == 0
    articles = generated()
    assert articles.filter(hero_image__isnull=False).count() > 200  # most have a picture
    assert len(set(articles.values_list("type_of_work", flat=True))) >= 4
    assert articles.filter(published_at__gte=timezone.now() - timedelta(hours=48)).exists()
    assert articles.filter(published_at__lt=timezone.now() - timedelta(days=365)).exists()
    assert {len(a.authors.all()) for a in articles.prefetch_related("authors")} == {0, 1, 2}


def test_generated_articles_are_served_with_their_topics_in_both_editions(client, editions):
    generate(120)

    for home in editions.values():
        for article in generated().filter(locale=home.locale).order_by("pk")[:5]:
            page = soup(client.get(article.url))
            assert page.h1.get_text(strip=True) == article.title
            assert len(page.select(".article__body p, article p")) >= 4
            tags = {link.get_text(strip=True) for link in page.select("a[rel=tag]")}
            topics = list(article.topics.all())
            assert 1 <= len(topics) <= 4
            assert tags == {topic.hashtag for topic in topics}
            assert article.sources.count() == 1


def test_generated_articles_appear_in_their_section_listing_and_home(client, editions):
    generate(200)

    for home in editions.values():
        for section in SectionPage.objects.descendant_of(home).live():
            newest = ArticlePage.objects.live().in_section(section).latest().first()
            if newest is None:
                continue
            listing = soup(client.get(section.url))
            assert listing.find("a", href=newest.url), section.url_path
        front = soup(client.get(home.url))
        newest = ArticlePage.objects.live().in_locale(home.locale).latest().first()
        assert front.find("a", href=newest.url)


def test_arabic_text_mixes_real_world_spellings(editions):
    generate(200)

    text = " ".join(
        f"{a.title} {a.lead} {a.body.raw_data}"
        for a in generated().filter(locale__language_code="ar")
    )
    assert re.search("[٠-٩]", text)  # Arabic-Indic digits
    assert "ـ" in text  # tatweel
    assert re.search("[\u064b-\u0652]", text)  # a vowel mark
    for canonical, variant in (("إلى", "الى"), ("على", "علي"), ("الحديدة", "الحديده")):
        assert canonical in text and variant in text
    assert "واليمن" in text or "باليمن" in text or "لليمن" in text
    english = " ".join(a.lead for a in generated().filter(locale__language_code="en"))
    assert "Yemen" in english


def test_clear_removes_only_generated_articles(client, editions, middle_east, article_factory):
    own = article_factory(middle_east, "Our own reporting")
    pages_before = Page.objects.count()
    generate(150)
    through = ArticlePage._meta.get_field("topics").remote_field.through

    call_command("generate_archive", "--articles=0", "--clear", "--no-index")

    assert generated().count() == 0
    assert Page.objects.count() - pages_before == SectionPage.objects.count() - 2  # added
    assert not through.objects.exclude(articlepage=own).exists()
    assert_tree_is_sound()
    assert soup(client.get(own.url)).h1.get_text(strip=True) == "Our own reporting"
    assert soup(client.get(middle_east.url)).find("a", href=own.url)


def test_same_seed_writes_the_same_archive(editions):
    def snapshot():
        return [
            (a.locale_id, a.url_path, a.title, a.lead, a.type_of_work, list(a.body.raw_data))
            for a in generated().order_by("wire_uri")
        ]

    generate(60, seed=7)
    first = snapshot()
    generate(0, "--clear", seed=7)
    generate(60, seed=7)
    assert snapshot() == first
    generate(0, "--clear", seed=7)
    generate(60, seed=8)
    assert snapshot() != first


def test_running_again_adds_to_the_archive(editions):
    generate(80, "--batch-size=30", seed=1)
    generate(80, seed=1)

    assert generated().count() == 160
    assert generated().values("wire_uri").distinct().count() == 160
    assert_tree_is_sound()
