"""What an Arabic reader types: both hamza seats, names that are not words, phrases in quotes."""

import io
import re

import pytest
from django.core.management import call_command

from nashra.home.services import get_or_create_section
from nashra.people.models import Author
from nashra.search.indexing import remove_articles
from nashra.search.models import IndexVersion
from nashra.search.names import known_names
from nashra.search.query import parse
from nashra.search.text import rules_version
from nashra.topics.models import Topic


def found(client, edition, query):
    html = client.get(f"/{edition}/search/", {"q": query}).content.decode()
    titles = re.findall(r'class="search-result__title"><a href="[^"]*">(.*?)</a>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def ar_news(ar_home):
    return get_or_create_section(ar_home, "akhbar", "أخبار")[0]


@pytest.fixture
def hodeidah_and_iron(ar_news, article_factory):
    article_factory(
        ar_news, "وصول سفينة قمح إلى ميناء الحديدة", body=paragraph("رست السفينة في الحديدة.")
    )
    article_factory(
        ar_news,
        "ارتفاع أسعار الحديد في صنعاء",
        body=paragraph("قال تجار إن طن الحديد ارتفع، وتوقف مشروع السكة الحديد."),
    )


def test_a_city_is_not_found_by_the_word_its_stem_shares(client, hodeidah_and_iron):
    assert found(client, "ar", "الحديدة") == ["وصول سفينة قمح إلى ميناء الحديدة"]
    assert found(client, "ar", "بالحديدة") == ["وصول سفينة قمح إلى ميناء الحديدة"]
    assert found(client, "ar", "حديدة") == ["وصول سفينة قمح إلى ميناء الحديدة"]  # typed bare


def test_the_word_is_not_found_in_the_city(client, hodeidah_and_iron):
    assert found(client, "ar", "الحديد") == ["ارتفاع أسعار الحديد في صنعاء"]
    assert found(client, "ar", "حديد") == ["ارتفاع أسعار الحديد في صنعاء"]


def test_a_name_that_finds_nothing_falls_back_to_its_words(client, ar_news, article_factory):
    article_factory(ar_news, "أسعار الحديد", body=paragraph("حديدة واحدة تكفي."))
    # No article names Hodeidah: the reader still gets what the word finds.
    assert found(client, "ar", "الحديدة") == ["أسعار الحديد"]


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("مسؤول", "مسئول"),
        ("مسئول", "مسؤول"),
        ("المسؤولية", "مسئولية"),
        ("شؤون", "شئون"),
        ("شئون", "شؤون"),
        ("تساؤلات", "تسائلات"),
    ],
)
def test_both_seats_of_the_hamza_find_each_other(client, ar_news, article_factory, written, typed):
    article_factory(ar_news, "خبر", body=paragraph(f"قال {written} في وزارة الصحة إن الوضع مستقر."))
    article_factory(ar_news, "خبر آخر", body=paragraph("وصلت قافلة الأدوية."))
    assert found(client, "ar", typed) == ["خبر"]


def test_the_extract_keeps_the_spelling_of_the_article(client, ar_news, article_factory):
    article_factory(ar_news, "خبر", body=paragraph("قال مسؤول في الميناء إن العمل مستمر."))
    html = client.get("/ar/search/", {"q": "مسئول"}).content.decode()
    assert "<mark>مسؤول</mark>" in html


def test_a_phrase_matches_its_words_in_order(client, ar_news, news, article_factory):
    article_factory(ar_news, "أ", body=paragraph("افتتح ميناء عدن رصيفا جديدا."))
    article_factory(ar_news, "ب", body=paragraph("وصلت إلى عدن سفينة، وأغلق الميناء ليلا."))
    assert sorted(found(client, "ar", "ميناء عدن")) == ["أ", "ب"]
    assert found(client, "ar", '"ميناء عدن"') == ["أ"]
    assert found(client, "ar", "«الميناء عدن»") == ["أ"]  # folded: the article, the quotes
    article_factory(news, "Rose harvest", body=paragraph("Distillers make rose water at night."))
    article_factory(news, "Water cuts", body=paragraph("A rose garden dried while water ran out."))
    assert sorted(found(client, "en", "rose water")) == ["Rose harvest", "Water cuts"]
    assert found(client, "en", '"rose water"') == ["Rose harvest"]
    assert found(client, "en", '"water rose"') == []
    assert found(client, "en", '"rose water') == ["Rose harvest"]  # a quote left open


def test_a_place_of_several_words_is_one_name(client, news, article_factory):
    article_factory(news, "Ships turn back", body=paragraph("Attacks in the Gulf of Aden rose."))
    article_factory(news, "Fishing", body=paragraph("The gulf fishermen sold their catch in Aden."))
    assert found(client, "en", "Gulf of Aden") == ["Ships turn back"]
    assert sorted(found(client, "en", "gulf Aden fishermen")) == ["Fishing"]


def test_an_authors_name_finds_their_articles_not_each_word(client, news, en_home, article_factory):
    author = Author.objects.create(name="Tariq Mansour", slug="tariq", locale=en_home.locale)
    article_factory(news, "By Tariq", authors=[author])
    article_factory(news, "Two reporters", body=paragraph("Tariq met Ali Mansour."))
    assert found(client, "en", "Tariq Mansour") == ["By Tariq"]
    assert sorted(found(client, "en", "Mansour")) == ["By Tariq", "Two reporters"]


def test_renaming_an_author_reindexes_their_articles(
    client, news, en_home, article_factory, django_capture_on_commit_callbacks
):
    author = Author.objects.create(name="Tariq Mansour", slug="tariq", locale=en_home.locale)
    article_factory(news, "By Tariq", authors=[author])
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Tareq Mansoor"
        author.save()
    assert found(client, "en", "Tareq Mansoor") == ["By Tariq"]
    assert found(client, "en", "Tariq Mansour") == []


def test_a_topics_name_is_matched_whole(client, ar_news, ar_home, article_factory):
    topic = Topic.objects.create(name="البحر الأحمر", slug="red-sea", locale=ar_home.locale)
    article_factory(ar_news, "ملاحة", topics=[topic])
    article_factory(ar_news, "صيد", body=paragraph("خرج الصيادون إلى البحر في يوم أحمر."))
    assert found(client, "ar", "البحر الأحمر") == ["ملاحة"]


def test_known_names_follow_topic_and_author_changes(en_home):
    Topic.objects.create(name="Wadi Hadramawt", slug="wadi", locale=en_home.locale)
    assert known_names().match(["wadi", "hadramawt"], 0) is not None
    Author.objects.create(name="Huda Saleh", slug="huda", locale=en_home.locale)
    assert known_names().match(["huda", "saleh"], 0) is not None


def test_a_query_cannot_name_the_index_tokens(db):
    assert not parse("nm0الحديده zzl1")


def test_migrate_indexes_again_when_the_rules_changed(client, ar_news, article_factory):
    article = article_factory(
        ar_news, "خبر", body=paragraph("قال مسؤول في الميناء إن العمل مستمر.")
    )
    article_factory(ar_news, "خبر آخر")
    # An index made by older rules: the article's terms are not in it (as مسوول would not meet
    # a query's مسءول), and its stamp is another.
    remove_articles([article.pk])
    IndexVersion.objects.update_or_create(pk=1, defaults={"version": "1-old"})
    assert found(client, "ar", "مسئول") == []
    call_command("migrate", verbosity=1, stdout=(out := io.StringIO()))
    assert "indexing again" in out.getvalue()
    assert IndexVersion.objects.get(pk=1).version == rules_version()
    assert found(client, "ar", "مسئول") == ["خبر"]


def test_migrate_leaves_a_current_index_alone(client, ar_news, article_factory):
    article = article_factory(ar_news, "خبر")
    article_factory(ar_news, "خبر آخر")
    call_command("migrate", verbosity=1, stdout=io.StringIO())  # stamps the index
    remove_articles([article.pk])  # a change migrate would undo if it indexed again
    call_command("migrate", verbosity=1, stdout=(out := io.StringIO()))
    assert "indexing again" not in out.getvalue()
    assert found(client, "ar", "خبر") == ["خبر آخر"]
