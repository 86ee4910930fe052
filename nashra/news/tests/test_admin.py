"""Everything in the content model is editable in the Wagtail admin."""

import pytest
from wagtail.models import Page

from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_article_can_be_written_and_published_through_the_admin(admin_client, middle_east):
    from nashra.sources.models import Source

    source = Source.objects.create(name="Saba", locale=middle_east.locale)
    url = f"/admin/pages/add/news/articlepage/{middle_east.pk}/"
    form = admin_client.get(url)
    assert form.status_code == 200
    for field in ("lead", "hero_image", "topics", "sources", "authors", "published_at"):
        assert f'name="{field}' in form.content.decode(), field
    assert "Block quote" in form.content.decode()  # the body StreamField offers its blocks
    response = admin_client.post(
        url,
        {
            "title": "Port of Aden reopens its container terminal",
            "slug": "aden-terminal",
            "type_of_work": "news",
            "lead": "Ships berthed on Monday for the first time in a month.",
            "body-count": "0",
            "sources": [source.pk],
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="aden-terminal")
    assert article.live
    assert article.published_at is not None
    assert list(article.sources.all()) == [source]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/topics/topic/",
        "/admin/snippets/people/author/",
        "/admin/snippets/sources/source/",
        "/admin/snippets/core/editionsettings/",
        "/admin/snippets/topics/topic/add/",
        "/admin/snippets/core/editionsettings/add/",
    ],
)
def test_snippets_are_editable(admin_client, en_home, url):
    assert admin_client.get(url).status_code == 200


def test_section_about_and_contact_can_be_added(admin_client, en_home):
    for model in ("news/sectionpage", "pages/standardpage", "pages/contactpage"):
        assert admin_client.get(f"/admin/pages/add/{model}/{en_home.pk}/").status_code == 200
    assert Page.objects.filter(depth=2).count() == 1
