"""Two editions: every page in both, the right language and direction, linked counterparts."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from nashra.home.services import get_or_create_section
from nashra.news.models import ArticlePage
from nashra.news.translations import link_translation
from nashra.pages.models import ContactPage, StandardPage
from nashra.people.models import Author
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def editions(en_home, ar_home, middle_east):
    ar_news = get_or_create_section(ar_home, "news", "أخبار", translation_key=None)[0]
    ar_news.translation_key = middle_east.get_parent().translation_key
    ar_news.save()
    ar_me = get_or_create_section(
        ar_home, "news/middle-east", "الشرق الأوسط", translation_key=middle_east.translation_key
    )[0]
    return {"en": en_home, "ar": ar_home, "en_section": middle_east, "ar_section": ar_me}


@pytest.fixture
def pair(editions, article_factory):
    """An English original and its Arabic translation, plus each edition's topic and author."""
    key = uuid.uuid4()
    iraq = Topic.objects.create(name="Iraq", locale=editions["en"].locale, translation_key=key)
    iraq_ar = Topic.objects.create(name="العراق", locale=editions["ar"].locale, translation_key=key)
    writer = Author.objects.create(name="Huda Mansour", locale=editions["en"].locale)
    writer_ar = Author.objects.create(
        name="هدى المنصور", locale=editions["ar"].locale, translation_key=writer.translation_key
    )
    original = article_factory(
        editions["en_section"], "Basra port reopens", topics=[iraq], authors=[writer]
    )
    translation = article_factory(
        editions["ar_section"],
        "ميناء البصرة يعاود العمل",
        lead="أعلنت السلطات إعادة فتح الميناء أمام 12 سفينة تابعة لشركة Maersk.",
        topics=[iraq_ar],
        authors=[writer_ar],
        body=[("paragraph", "<p>قالت وكالة Reuters إن 100 شاحنة عبرت اليوم.</p>")],
    )
    link_translation(translation, original)
    return original, translation


def test_arabic_title_gives_a_readable_arabic_slug(pair, client):
    _original, translation = pair
    assert translation.slug == "ميناء-البصرة-يعاود-العمل"
    response = client.get(translation.url)
    assert response.status_code == 200
    assert translation.url.startswith("/ar/news/middle-east/")


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("en", "ltr")])
def test_every_page_type_renders_in_both_editions(client, editions, pair, language, direction):
    home = editions[language]
    section = editions[f"{language}_section"]
    article = pair[0] if language == "en" else pair[1]
    about = StandardPage(title="About", slug="about", show_in_menus=True)
    home.add_child(instance=about)
    contact = ContactPage(title="Contact", slug="contact", show_in_menus=True)
    home.add_child(instance=contact)
    topic = article.topics.first()
    author = article.authors.first()
    urls = [
        home.url,
        section.url,
        article.url,
        f"{home.url}topics/{topic.slug}/",
        f"{home.url}authors/{author.slug}/",
        about.url,
        contact.url,
        f"{contact.url}thanks/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert url.startswith(f"/{language}/")
        html = soup(response)
        assert (html.html["lang"], html.html["dir"]) == (language, direction), url
    missing = client.get(f"/{language}/no-such-page/")
    assert missing.status_code == 404
    assert (soup(missing).html["lang"], soup(missing).html["dir"]) == (language, direction)


@pytest.mark.parametrize(
    "accept, expected", [("ar,en;q=0.5", "/ar/"), ("en-GB,en;q=0.8", "/en/"), ("fr", "/en/")]
)
def test_root_sends_visitors_to_their_edition_and_varies(client, editions, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_default_edition_is_a_setting(client, editions, settings):
    settings.LANGUAGE_CODE = "ar"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/ar/"


def hreflang(response):
    return {link["hreflang"]: link["href"] for link in soup(response).select("link[hreflang]")}


def test_hreflang_pairs_both_ways(client, pair):
    original, translation = pair
    english = hreflang(client.get(original.url))
    arabic = hreflang(client.get(translation.url))
    assert english == arabic
    assert english["en"] == f"http://testserver{original.url}"
    assert english["ar"] == f"http://testserver{translation.url}"
    assert english["x-default"] == english["en"]


def switcher(response):
    return [(a["hreflang"], a["href"]) for a in soup(response).select(".language-switcher a")]


def test_switcher_leads_to_the_counterpart(client, pair):
    original, translation = pair
    assert switcher(client.get(original.url)) == [("ar", translation.url)]
    assert switcher(client.get(translation.url)) == [("en", original.url)]


def test_switcher_falls_back_to_the_section_then_home(client, editions, article_factory):
    lonely = article_factory(editions["en_section"], "Only in English")
    response = client.get(lonely.url)
    assert switcher(response) == [("ar", editions["ar_section"].url)]
    assert set(hreflang(response)) == {"en", "x-default"}  # a fallback is no alternate
    other = get_or_create_section(editions["en"], "sports", "Sports")[0]
    sporty = article_factory(other, "Match report")
    assert switcher(client.get(sporty.url)) == [("ar", editions["ar"].url)]


def test_bilingual_topic_and_author_pages_link_each_other(client, pair):
    en_topic = client.get("/en/topics/iraq/")
    ar_url = "/ar/topics/العراق/"
    assert switcher(en_topic) == [("ar", "/ar/topics/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82/")]
    ar_topic = client.get(ar_url)
    assert ar_topic.status_code == 200
    assert soup(ar_topic).h1.get_text() == "#العراق"
    assert switcher(ar_topic) == [("en", "/en/topics/iraq/")]
    assert switcher(client.get("/en/authors/huda-mansour/"))[0][0] == "ar"


def test_translated_article_says_what_it_was_translated_from(client, pair):
    original, translation = pair
    notice = soup(client.get(translation.url)).select_one(".article__translated a")
    assert notice.get_text() == "مترجم عن الإنجليزية"
    assert notice["href"] == original.url
    assert soup(client.get(original.url)).select_one(".article__translated") is None


def test_arabic_original_shows_in_english_as_translated_from_arabic(client, editions, pair):
    _original, translation = pair
    english = ArticlePage.objects.get(pk=pair[0].pk)
    # Reverse the pair: the English page now translates the Arabic one.
    translation.translated_from = None
    translation.save()
    english.translated_from = translation.locale
    english.save()
    notice = soup(client.get(english.url)).select_one(".article__translated a")
    assert notice.get_text() == "Translated from Arabic"


def test_link_translation_refuses_same_edition_and_taken_slots(pair, editions, article_factory):
    original, translation = pair
    second = article_factory(editions["ar_section"], "مقال آخر")
    with pytest.raises(ValidationError):
        link_translation(second, translation)  # same edition
    with pytest.raises(ValidationError):
        link_translation(second, original)  # the Arabic slot is taken


def test_linking_through_the_admin(admin_client, editions, article_factory):
    original = article_factory(editions["en_section"], "Aden port expands")
    arabic = article_factory(editions["ar_section"], "توسعة ميناء عدن")
    url = f"/admin/translations/link/{arabic.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"original": original.pk})
    assert response.status_code == 302
    arabic.refresh_from_db()
    assert arabic.translation_key == original.translation_key
    assert arabic.translated_from == original.locale
    edit = admin_client.get(f"/admin/pages/{arabic.pk}/edit/")
    assert url.encode() in edit.content  # the header offers the action


def test_translating_with_wagtails_tool_marks_the_original(admin_client, editions, article_factory):
    original = article_factory(editions["en_section"], "Grain terminal opens")
    response = admin_client.post(
        f"/admin/translation/submit/page/{original.pk}/",
        {"locales": [editions["ar"].locale.pk]},
    )
    assert response.status_code == 302, response.content[:500]
    copy = ArticlePage.objects.get(
        translation_key=original.translation_key, locale=editions["ar"].locale
    )
    assert copy.translated_from == original.locale
    assert copy.get_parent().pk == editions["ar_section"].pk


def test_latin_and_numbers_are_isolated_in_arabic_text(client, pair):
    _original, translation = pair
    html = soup(client.get(translation.url))
    lead = html.select_one(".article__lead")
    assert [bdi.get_text() for bdi in lead.find_all("bdi")] == ["12", "Maersk"]
    body = html.select_one(".article__body")
    assert [bdi.get_text() for bdi in body.find_all("bdi")] == ["Reuters", "100"]
    assert html.select_one(".article__byline bdi").get_text() == "هدى المنصور"


def test_english_text_is_left_as_it_is(client, pair):
    original, _translation = pair
    assert not soup(client.get(original.url)).select(".article__lead bdi")
