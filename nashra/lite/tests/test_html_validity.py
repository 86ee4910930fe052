"""Every kind of lite page, in both editions, passes the W3C Nu HTML checker (vnu.jar)."""

import pytest

from nashra.corrections.models import Correction
from nashra.curation.models import BreakingNews
from nashra.lite.addresses import lite_url
from nashra.seo.tests import test_html_validity as checker

pytestmark = [pytest.mark.django_db, pytest.mark.java]


def test_lite_pages_have_no_html_errors(client, settings, long_article, two_editions, tmp_path):
    settings.NASHRA_PAGE_SIZE = 1  # so listings show their pagination too
    paths = []
    for language in ("en", "ar"):
        edition = two_editions[language]
        article = long_article(language)
        long_article(language, title=f"{article.title} (2)")  # a listing's second page
        Correction.objects.create(article=article, kind=Correction.Kind.RETRACTION, text="Wrong.")
        BreakingNews.objects.create(locale=edition.locale, text="Breaking", article=article)
        urls = {
            "home": lite_url(edition.home),
            "section": lite_url(edition.news),
            "section_page_2": lite_url(edition.news) + "?page=2",
            "topic": lite_url(edition.topic),
            "article": lite_url(article),
        }
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, url
            path = tmp_path / f"{language}-{name}.html"
            path.write_bytes(response.content)
            paths.append(path)
    errors = checker.validate(paths)
    assert errors == [], "\n".join(map(checker.describe, errors))
