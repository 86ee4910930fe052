"""The admin's text fields take the language and direction of the content, not of the admin."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.admin.panels import ObjectList

from nashra.core.forms import EditionSnippetForm
from nashra.home.services import get_or_create_section
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("title", "lead", "hero_caption", "slug", "seo_title", "search_description")


@pytest.fixture
def ar_news(ar_home):
    return get_or_create_section(ar_home, "news", "أخبار")[0]


@pytest.fixture
def ar_article(ar_news, article_factory):
    return article_factory(
        ar_news,
        "افتتاح معبر حدودي جديد",
        lead="تعبر الشاحنات من الفجر حتى منتصف الليل.",
        body=[("paragraph", "<p>وُقّع الاتفاق يوم الأحد.</p>")],
    )


@pytest.fixture
def en_article(middle_east, article_factory):
    return article_factory(middle_east, "Iraq and Iran agree on border crossing hours")


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def field(html, name):
    return html.find(attrs={"name": name})


def assert_fields_follow(html, language, direction):
    for name in TEXT_FIELDS:
        assert field(html, name).get("dir") == direction, name
        assert field(html, name).get("lang") == language, name


def test_arabic_article_editor_is_right_to_left(admin_client, ar_article):
    html = get_html(admin_client, f"/admin/pages/{ar_article.pk}/edit/")
    assert html.html["dir"] == "ltr"  # the admin itself stays in English
    assert_fields_follow(html, "ar", "rtl")


def test_new_arabic_article_form_is_right_to_left(admin_client, ar_news):
    html = get_html(admin_client, f"/admin/pages/add/news/articlepage/{ar_news.pk}/")
    assert_fields_follow(html, "ar", "rtl")


def test_new_arabic_section_form_is_right_to_left(admin_client, ar_home):
    html = get_html(admin_client, f"/admin/pages/add/news/sectionpage/{ar_home.pk}/")
    assert field(html, "intro")["dir"] == "rtl"
    assert field(html, "title")["lang"] == "ar"


def test_english_article_editor_is_left_to_right(admin_client, en_article):
    html = get_html(admin_client, f"/admin/pages/{en_article.pk}/edit/")
    assert_fields_follow(html, "en", "ltr")


def test_english_article_stays_left_to_right_in_the_arabic_admin(
    admin_client, arabic_admin, en_article
):
    html = get_html(admin_client, f"/admin/pages/{en_article.pk}/edit/")
    assert (html.html["lang"], html.html["dir"]) == ("ar", "rtl")
    assert_fields_follow(html, "en", "ltr")


def test_arabic_article_is_right_to_left_in_the_arabic_admin(
    admin_client, arabic_admin, ar_article
):
    html = get_html(admin_client, f"/admin/pages/{ar_article.pk}/edit/")
    assert_fields_follow(html, "ar", "rtl")


def test_dates_and_choosers_keep_the_admin_direction(admin_client, ar_article):
    html = get_html(admin_client, f"/admin/pages/{ar_article.pk}/edit/")
    for name in ("published_at", "updated_at", "go_live_at", "hero_image"):
        assert not field(html, name).has_attr("dir"), name


def test_editors_load_the_script_for_the_fields_drawn_in_the_browser(admin_client, ar_article):
    html = get_html(admin_client, f"/admin/pages/{ar_article.pk}/edit/")
    script = html.find("script", src=lambda src: src and "admin-content-direction.js" in src)
    assert "ar" in script["data-rtl-languages"].split()
    assert html.find("link", href=lambda href: href and "admin-content-direction.css" in href)


def assert_snippet_editor_tells_the_script_its_locale(html, language):
    assert html.find("script", src=lambda src: src and "admin-content-direction.js" in src)
    config = json.loads(html.find("script", id="wagtail-config").string)
    assert config["ACTIVE_CONTENT_LOCALE"] == language


def test_new_arabic_topic_form_tells_the_script_its_locale(admin_client, ar_home):
    html = get_html(admin_client, "/admin/snippets/topics/topic/add/?locale=ar")
    assert_snippet_editor_tells_the_script_its_locale(html, "ar")


def test_arabic_topic_editor_tells_the_script_its_locale(admin_client, ar_home):
    topic = Topic.objects.create(name="العراق", locale=ar_home.locale)
    html = get_html(admin_client, f"/admin/snippets/topics/topic/edit/{topic.pk}/")
    assert_snippet_editor_tells_the_script_its_locale(html, "ar")


def test_edition_snippet_form_follows_the_snippet_locale(ar_home, en_home):
    form_class = (
        ObjectList(Topic.panels, base_form_class=EditionSnippetForm)
        .bind_to_model(Topic)
        .get_form_class()
    )
    arabic = form_class(instance=Topic(locale=ar_home.locale))
    english = form_class(instance=Topic(locale=en_home.locale))
    assert arabic.fields["name"].widget.attrs["dir"] == "rtl"
    assert arabic.fields["slug"].widget.attrs["lang"] == "ar"
    assert english.fields["name"].widget.attrs["dir"] == "ltr"
