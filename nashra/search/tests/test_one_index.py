"""One full-text index: the site search's. Wagtail keeps none, and editors' searches still work.

Wagtail's searches (page search, explorer, choosers, snippet and image listings) are answered
from the tables by nashra.search.wagtail_backend, configured in WAGTAILSEARCH_BACKENDS.
"""

import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from taggit.models import Tag
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from nashra.home.services import get_or_create_section
from nashra.people.models import Author
from nashra.search.models import SearchEntry
from nashra.search.wagtail_backend import SearchBackend
from nashra.sources.models import Source
from nashra.topics.models import Topic

pytestmark = pytest.mark.django_db

EN_TITLE = "Port reopens in Aden"
AR_TITLE = "وصول أدوية إلى الحديدة"


@pytest.fixture
def ar_news(ar_home):
    return get_or_create_section(ar_home, "akhbar", "أخبار")[0]


@pytest.fixture
def articles(news, ar_news, article_factory):
    return (
        article_factory(news, EN_TITLE, lead="Ships unload grain again."),
        article_factory(ar_news, AR_TITLE, lead="شحنة جديدة تصل إلى المستشفى"),
        article_factory(news, "Markets steady", lead="Nothing about ports."),
    )


def _wagtail_index_rows():
    """Rows in Wagtail's index: its table and, on SQLite, the FTS5 table beside it."""
    rows = IndexEntry.objects.count()
    fts = IndexEntry._meta.db_table + "_fts"
    if fts in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {fts}")
            rows += cursor.fetchone()[0]
    return rows


def test_wagtail_search_is_served_by_nashras_backend():
    assert isinstance(get_search_backend(), SearchBackend)


def test_publishing_writes_no_row_to_wagtails_index(articles, en_home, image_factory):
    en_article = articles[0]
    Topic.objects.create(name="Yemen", locale=en_home.locale)
    Author.objects.create(name="Sara Ali", locale=en_home.locale)
    Source.objects.create(name="Reuters", locale=en_home.locale)
    image_factory("Harbour cranes")
    en_article.save_revision().publish()  # and publishing again

    assert _wagtail_index_rows() == 0
    assert set(SearchEntry.objects.values_list("pk", flat=True)) == {
        article.pk for article in articles
    }


def test_update_index_writes_nothing(articles, en_home):
    Topic.objects.create(name="Yemen", locale=en_home.locale)
    call_command("update_index", stdout=io.StringIO())
    assert _wagtail_index_rows() == 0
    assert SearchEntry.objects.count() == len(articles)


def _page_search(client, query, **params):
    response = client.get("/admin/pages/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["Aden", "aden", "port aden", "reopen"])
def test_admin_page_search_finds_an_article_by_an_english_title_word(admin_client, articles, query):
    html = _page_search(admin_client, query)
    assert EN_TITLE in html
    assert "Markets steady" not in html
    assert AR_TITLE not in html


@pytest.mark.parametrize("query", ["الحديدة", "أدوية", "وصول الحديدة"])
def test_admin_page_search_finds_an_article_by_an_arabic_title_word(admin_client, articles, query):
    html = _page_search(admin_client, query)
    assert AR_TITLE in html
    assert EN_TITLE not in html


def test_an_arabic_word_is_found_without_its_article(admin_client, articles):
    """Matching within words: حديدة finds الحديدة (Wagtail's index matched word prefixes)."""
    assert AR_TITLE in _page_search(admin_client, "حديدة")
    chooser = admin_client.get("/admin/choose-page/search/", {"q": "حديدة"})
    assert AR_TITLE in chooser.content.decode()


def test_admin_page_search_finds_drafts_and_sorts_by_title(admin_client, news, article_factory):
    """The site search's index holds only live, public articles; editors find drafts too."""
    article_factory(news, "Aden draft", publish=False)
    article_factory(news, "Aden story")
    html = _page_search(admin_client, "Aden", ordering="title")
    assert html.index("Aden draft") < html.index("Aden story")
    html = _page_search(admin_client, "Aden", ordering="-title")
    assert html.index("Aden story") < html.index("Aden draft")


def test_explorer_search_finds_by_title(admin_client, news, articles):
    html = admin_client.get(f"/admin/pages/{news.pk}/", {"q": "aden"}).content.decode()
    assert EN_TITLE in html and "Markets steady" not in html


def test_page_chooser_search_finds_by_title(admin_client, articles):
    response = admin_client.get("/admin/choose-page/search/", {"q": "الحديدة"})
    assert response.status_code == 200
    html = response.content.decode()
    assert AR_TITLE in html and EN_TITLE not in html


def _topic_chooser(client, query):
    response = client.get("/admin/snippets/choose/topics/topic/results/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_topic_chooser_search_finds_topics_by_name(admin_client, en_home, ar_home):
    Topic.objects.create(name="Iraq", locale=en_home.locale)
    Topic.objects.create(name="Yemen", locale=en_home.locale)
    Topic.objects.create(name="العراق", locale=ar_home.locale)
    html = _topic_chooser(admin_client, "iraq")
    assert "Iraq" in html and "Yemen" not in html
    html = _topic_chooser(admin_client, "العراق")
    assert "العراق" in html and "Iraq" not in html


def test_snippet_listings_search_and_sort(admin_client, en_home):
    """Searching the topic, author and source listings: a server error with Wagtail's index
    (the topic listing searches slugs, which that index did not hold; sorting a search needed
    FilterFields)."""
    Topic.objects.create(name="Iraq", slug="iraq", locale=en_home.locale)
    Topic.objects.create(name="Yemen", slug="yemen", locale=en_home.locale)
    Author.objects.create(name="Sara Ali", locale=en_home.locale)
    Author.objects.create(name="Sara Omar", locale=en_home.locale)
    Source.objects.create(name="Reuters", locale=en_home.locale)
    html = admin_client.get("/admin/snippets/topics/topic/", {"q": "ira"}).content.decode()
    assert "Iraq" in html and "Yemen" not in html
    url = "/admin/snippets/people/author/"
    html = admin_client.get(url, {"q": "sara", "ordering": "-name"}).content.decode()
    assert html.index("Sara Omar") < html.index("Sara Ali")
    response = admin_client.get("/admin/snippets/sources/source/", {"q": "reu", "ordering": "name"})
    assert "Reuters" in response.content.decode()


def test_image_search_finds_by_title_and_by_tag(admin_client, image_factory):
    tagged = image_factory("Harbour cranes")
    tagged.tags.add("Aden")
    tagged.save()  # as the admin's image form does once the tags are saved
    image_factory("ميناء الحديدة")
    image_factory("Market")
    for url in ("/admin/images/", "/admin/images/chooser/results/"):
        html = admin_client.get(url, {"q": "harbour"}).content.decode()
        assert "Harbour cranes" in html and "Market" not in html
        html = admin_client.get(url, {"q": "aden"}).content.decode()
        assert "Harbour cranes" in html and "Market" not in html
        assert "ميناء الحديدة" in admin_client.get(url, {"q": "الحديدة"}).content.decode()
    assert Tag.objects.filter(name="Aden").exists()


def test_relevance_order_is_newest_first_or_the_models_own(news, en_home, article_factory):
    from wagtail.models import Page

    older = article_factory(news, "Aden older")
    newer = article_factory(news, "Aden newer")
    found = list(Page.objects.autocomplete("aden"))
    assert found.index(newer.page_ptr) < found.index(older.page_ptr)
    Topic.objects.create(name="Yemen war", locale=en_home.locale)
    Topic.objects.create(name="Yemen", locale=en_home.locale)
    found = get_search_backend().autocomplete("yemen", Topic)
    assert [topic.name for topic in found] == ["Yemen", "Yemen war"]


def test_a_search_of_no_text_field_finds_nothing(en_home):
    Topic.objects.create(name="Iraq", locale=en_home.locale)
    backend = get_search_backend()
    assert list(backend.search("Iraq", Topic, fields=["name"]))
    with pytest.raises(Exception, match="no text column"):
        backend.search("Iraq", Topic, fields=["locale"])


def test_the_migration_empties_wagtails_index(articles, en_home):
    """Rows an indexing backend wrote before go: nothing reads them any more."""
    migration = importlib.import_module("nashra.search.migrations.0003_empty_wagtail_search_index")
    old_backend = get_search_backend("wagtail.search.backends.database")
    for obj in [*articles, Topic.objects.create(name="Yemen", locale=en_home.locale)]:
        old_backend.add(obj)
    assert _wagtail_index_rows() > 0
    with connection.cursor() as cursor:
        schema_editor = SimpleNamespace(
            connection=connection, execute=cursor.execute, quote_name=connection.ops.quote_name
        )
        migration.empty_wagtail_index(django_apps, schema_editor)
    assert _wagtail_index_rows() == 0
    assert SearchEntry.objects.count() == len(articles)
