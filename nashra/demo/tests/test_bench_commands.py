"""The commands `make bench` drives: publishing as an editor does, and stock Wagtail's page."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Site

from nashra.baseline.models import BarePage
from nashra.live.models import LivePage
from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(middle_east, article_factory):
    return article_factory(middle_east, "Ceasefire holds in Taiz")


def test_publishing_line_after_line_publishes_each_headline_in_turn(article, monkeypatch, client):
    lines = f"{article.pk}\tCeasefire holds\n{article.pk}\tCeasefire broken in Taiz\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    out = io.StringIO()
    call_command("bench_publish", "--lines", stdout=out)
    reports = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(reports) == 2 and all(r["ended"] >= r["started"] for r in reports)
    article.refresh_from_db()
    assert article.title == "Ceasefire broken in Taiz" and article.live
    assert article.revisions.count() >= 3  # each headline its own revision
    assert b"Ceasefire broken in Taiz" in client.get(article.url).content


def test_a_bad_line_is_named(article, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{article.pk}\tA headline\nnot a line\n"))
    with pytest.raises(CommandError, match="Line 2"):
        call_command("bench_publish", "--lines", stdout=io.StringIO())


def test_the_baseline_page_carries_the_article_words_on_a_site_of_its_own(article, en_home):
    out = io.StringIO()
    call_command("baseline_page", str(article.pk), stdout=out)
    call_command("baseline_page", str(article.pk), stdout=io.StringIO())  # again: no second page
    assert out.getvalue().strip() == "http://baseline.localhost/article/"
    bare = BarePage.objects.get(slug="article")
    assert bare.title == article.title and article.lead in bare.body
    assert BarePage.objects.count() == 2  # its site's root and the page
    site = Site.objects.get(hostname="baseline.localhost")
    assert Site.objects.get(is_default_site=True).root_page_id != site.root_page_id
    # Nashra's own site is as it was.
    assert Client().get(article.url).status_code == 200


def test_stock_wagtail_serves_the_bare_page(article, settings, monkeypatch):
    """With the baseline's URLs and middleware (its settings import the rest of Django's)."""
    monkeypatch.setenv("SECRET_KEY", "test-only-key")
    monkeypatch.setenv("DATABASE_URL", "sqlite://:memory:")
    from nashra.settings import baseline

    call_command("baseline_page", str(article.pk), stdout=io.StringIO())
    settings.ROOT_URLCONF = baseline.ROOT_URLCONF
    settings.MIDDLEWARE = baseline.MIDDLEWARE
    settings.ALLOWED_HOSTS = ["baseline.localhost"]
    page = Client(HTTP_HOST="baseline.localhost").get("/article/")
    assert page.status_code == 200
    assert article.title.encode() in page.content


def test_an_unknown_page_is_named():
    with pytest.raises(CommandError, match="No page"):
        call_command("baseline_page", "999999", stdout=io.StringIO())
    assert not ArticlePage.objects.exists()


def test_bench_live_prepares_its_pages_and_posts_each_line(middle_east, monkeypatch, client):
    out = io.StringIO()
    call_command("bench_live", "--prepare", stdout=out)
    pages = json.loads(out.getvalue())
    assert LivePage.objects.get(pk=pages["page_id"]).updates.published().count() == 2000
    assert LivePage.objects.get(pk=pages["small_page_id"]).updates.published().count() == 20

    lines = f"{pages['small_page_id']}\tmarker-one\n{pages['small_page_id']}\tmarker-two\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    out = io.StringIO()
    call_command("bench_live", "--lines", stdout=out)
    reports = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(reports) == 2 and all(r["ended"] >= r["started"] for r in reports)
    fragment = client.get(pages["small_url"] + "updates/").content.decode()
    assert "marker-two" in fragment and "marker-one" in fragment

    monkeypatch.setattr("sys.stdin", io.StringIO("not a line\n"))
    with pytest.raises(CommandError, match="Line 1"):
        call_command("bench_live", "--lines", stdout=io.StringIO())
