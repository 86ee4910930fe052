"""What a reader app or an archive gets out of an article page (trafilatura)."""

import pytest
import trafilatura
from django.utils import timezone

from nashra.core.dates import zone

from .factories import AR_PARAGRAPHS, EN_PARAGRAPHS

pytestmark = pytest.mark.django_db

CHROME = {
    # Navigation, header, footer, most-read and related links: none of them is the story.
    "en": ["Skip to content", "Who we are", "Related articles", "About Us", "Nashra Media Group"],
    "ar": ["انتقل إلى المحتوى", "من نحن", "اتصل بنا", "مقالات ذات صلة", "مجموعة نشرة"],
}


def extract(client, article, language):
    html = client.get(article.url).content.decode()
    document = trafilatura.bare_extraction(
        html, url="http://testserver" + article.url, with_metadata=True
    )
    assert document is not None
    for chrome in CHROME[language]:
        assert chrome in html  # on the page, so its absence from the text means something
    # trafilatura reads the language from the page's metadata: another language is refused.
    other = "ar" if language == "en" else "en"
    assert trafilatura.extract(html, target_language=language, fast=True)
    assert trafilatura.extract(html, target_language=other, fast=True) is None
    return document


@pytest.mark.parametrize(
    "language, author, paragraphs",
    [("en", "Huda Mansour", EN_PARAGRAPHS), ("ar", "هدى منصور", AR_PARAGRAPHS)],
)
def test_article_title_author_date_language_and_text_are_extracted(
    client, newsroom, article_factory, language, author, paragraphs
):
    edition = newsroom[language]
    article = edition["article"]
    # Another article in the section, so the page has related links to leave out.
    article_factory(edition["section"], "Related story" if language == "en" else "خبر ذو صلة")
    document = extract(client, article, language)
    assert document.title == article.title
    assert document.author == author
    assert document.date == timezone.localtime(article.published_at, zone("Asia/Aden")).strftime(
        "%Y-%m-%d"
    )
    assert document.sitename == edition["home"].title
    assert document.description == article.lead
    assert document.categories == [section.title for section in article.sections]
    assert document.tags == [edition["topic"].name]
    for paragraph in paragraphs:
        assert paragraph in document.text
    assert document.text.index(paragraphs[0]) < document.text.index(paragraphs[1])
    quote = "This opens the road again." if language == "en" else "هذا يفتح الطريق من جديد."
    assert quote in document.text  # a pull quote is part of the story
    for chrome in CHROME[language]:
        assert chrome not in document.text
    for link_text in ("Related story", "خبر ذو صلة", "Reuters", "رويترز", "#Iraq", "#العراق"):
        assert link_text not in document.text
    assert "An earlier version" not in document.text  # the corrections sit in the footer
