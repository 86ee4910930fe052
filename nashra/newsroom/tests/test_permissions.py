"""Who may write and publish where, checked through the Wagtail admin."""

import pytest

from nashra.news.models import ArticlePage

from .factories import article_data

pytestmark = pytest.mark.django_db


def add_url(section):
    return f"/admin/pages/add/news/articlepage/{section.pk}/"


def edit(client, article, source, action="action-publish"):
    data = article_data(article.title, article.slug, source, **{action: action})
    return client.post(f"/admin/pages/{article.pk}/edit/", data)


def test_writer_reaches_the_admin(client_for, writer):
    assert client_for(writer).get("/admin/").status_code == 200


def test_writer_creates_in_their_section_but_not_another(
    client_for, writer, middle_east, culture, source
):
    client = client_for(writer)
    assert client.get(add_url(middle_east)).status_code == 200
    response = client.post(add_url(middle_east), article_data("Port reopens", "port", source))
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="port").get_parent().pk == middle_east.pk

    assert client.get(add_url(culture)).status_code in (302, 403)
    client.post(add_url(culture), article_data("Film week", "film", source))
    assert not ArticlePage.objects.filter(slug="film").exists()


def test_writer_cannot_publish(client_for, writer, middle_east, article_factory, source):
    article = article_factory(middle_east, "Draft", publish=False, sources=[source])
    client = client_for(writer)
    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in page
    assert 'name="action-submit"' in page
    edit(client, article, source)
    article.refresh_from_db()
    assert not article.live


def test_editor_publishes_in_their_section(
    client_for, editor, middle_east, article_factory, source
):
    article = article_factory(middle_east, "Ready", publish=False, sources=[source])
    client = client_for(editor)
    assert (
        'name="action-publish"' in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    )
    assert edit(client, article, source).status_code == 302
    article.refresh_from_db()
    assert article.live


def test_editor_cannot_publish_in_another_section_or_edition(
    client_for, editor, culture, ar_news, article_factory, source
):
    from nashra.sources.models import Source

    ar_source = Source.objects.create(name="سبأ", locale=ar_news.locale)
    client = client_for(editor)
    for section, src in ((culture, source), (ar_news, ar_source)):
        article = article_factory(section, f"Elsewhere {section.pk}", publish=False, sources=[src])
        edit(client, article, src)
        article.refresh_from_db()
        assert not article.live, section


def test_chief_editor_publishes_anywhere_in_their_edition_only(
    client_for, chief, middle_east, culture, ar_news, article_factory, source
):
    from nashra.sources.models import Source

    client = client_for(chief)
    for section in (middle_east, culture):
        article = article_factory(section, f"Chief {section.pk}", publish=False, sources=[source])
        edit(client, article, source)
        article.refresh_from_db()
        assert article.live, section
    ar_source = Source.objects.create(name="سبأ", locale=ar_news.locale)
    article = article_factory(ar_news, "خبر", publish=False, sources=[ar_source])
    edit(client, article, ar_source)
    article.refresh_from_db()
    assert not article.live
