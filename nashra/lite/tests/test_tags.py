"""{% lite_url %}: the lite address other templates link to, or nothing."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from nashra.pages.models import StandardPage

pytestmark = pytest.mark.django_db


def lite_url_of(obj):
    template = Template("{% load lite_tags %}{% lite_url obj as url %}[{{ url }}]")
    return template.render(Context({"obj": obj}))[1:-1]


def test_homes_sections_articles_and_topics_have_lite_addresses(translated_article, two_editions):
    original, translation = translated_article
    en, ar = two_editions
    assert lite_url_of(en.home) == "/en/lite/"
    assert lite_url_of(ar.home) == "/ar/lite/"
    assert lite_url_of(en.middle_east) == "/en/lite/news/middle-east/"
    assert lite_url_of(original) == f"/en/lite/news/middle-east/{original.slug}/"
    assert lite_url_of(translation) == f"/ar/lite/news/middle-east/{translation.slug}/"
    assert lite_url_of(en.topic) == f"/en/lite/topics/{en.topic.slug}/"
    assert lite_url_of(Page.objects.get(pk=original.pk)) == lite_url_of(original)  # not specific


def test_every_lite_address_it_gives_is_served(client, translated_article, two_editions):
    original, translation = translated_article
    en, ar = two_editions
    for obj in (en.home, ar.home, en.news, ar.middle_east, original, translation, ar.topic):
        assert client.get(lite_url_of(obj)).status_code == 200, obj


def test_drafts_private_pages_and_other_pages_have_none(two_editions, article_factory):
    en = two_editions.en
    draft = article_factory(en.middle_east, "Draft", publish=False)
    private = article_factory(en.middle_east, "Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    about = StandardPage(title="About us", slug="about")
    en.home.add_child(instance=about)
    about.save_revision().publish()
    root = Page.get_first_root_node()
    for obj in (draft, private, about, root, None, "", "news"):
        assert lite_url_of(obj) == "", obj


def test_it_costs_no_query(two_editions, article_factory):
    article = article_factory(two_editions.en.middle_east, "A story")
    lite_url_of(article)  # the editions and the private pages, cached once for every page
    with CaptureQueriesContext(connection) as queries:
        for obj in (two_editions.en.home, two_editions.en.news, article):
            assert lite_url_of(obj)
    assert len(queries) == 0, [query["sql"] for query in queries]
