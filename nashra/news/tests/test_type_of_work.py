import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_every_article_has_a_type_of_work_news_by_default(middle_east, article_factory):
    article = article_factory(middle_east, "Plain report")
    assert article.type_of_work == ArticlePage.TypeOfWork.NEWS


def test_type_is_labelled_on_the_article_and_in_listings(client, middle_east, article_factory):
    analysis = article_factory(middle_east, "Why the talks stalled", type_of_work="analysis")
    article_factory(middle_east, "Talks resume", type_of_work="news")
    page = BeautifulSoup(client.get(analysis.url).content, "html.parser")
    assert page.select_one(".article__type").get_text() == "Analysis"
    listing = BeautifulSoup(client.get(middle_east.url).content, "html.parser")
    labels = {
        teaser.select_one(".teaser__title").get_text(strip=True): teaser.select_one(".teaser__type")
        for teaser in listing.select(".teaser")
    }
    assert labels["Why the talks stalled"].get_text() == "Analysis"
    assert labels["Talks resume"] is None  # plain news needs no label in a list


def test_type_labels_are_translated():
    with translation.override("ar"):
        assert str(ArticlePage.TypeOfWork.FACT_CHECK.label) != "Fact check"
