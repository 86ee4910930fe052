"""Every response carries the security headers: public pages of every type in both editions,
feeds, sitemaps, errors, documents, static files and the admin.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page

from nashra.accounts.tests.factories import UserFactory
from nashra.corrections.tests.factories import CorrectionsPageFactory
from nashra.news.tests.factories import ArticlePageFactory
from nashra.pages.tests.factories import ContactPageFactory, StandardPageFactory
from nashra.topics.models import Topic

FEEDS = ("feed/", "feed/atom/", "feed/json/")
# Only the site's own admin may frame a page: Wagtail's preview panel renders the public page
# (through the public middleware, CSP included) in a same-origin frame. Other sites may not.
FRAMED_BY_ITS_OWN_ADMIN = "'self'"


@pytest.fixture
def site(two_editions):
    """Both editions with a page of every type, a topic, an author and a document."""
    urls = []
    for edition in two_editions:
        home, section = edition.home, edition.middle_east
        article = ArticlePageFactory(
            parent=section,
            title=f"Story {edition.language}",
            topics=[edition.topic],
            authors=[edition.author],
        )
        StandardPageFactory(parent=home, title="About us", slug="about")
        ContactPageFactory(parent=home)
        CorrectionsPageFactory(parent=home)
        home.refresh_from_db()
        topic_url = home.url + home.reverse_subpage("topic", args=[edition.topic.slug])
        author_url = home.url + home.reverse_subpage("author", args=[edition.author.slug])
        for page in Page.objects.live().descendant_of(home, inclusive=True).specific():
            urls.append(page.url)
        urls += [topic_url, author_url, home.url + "search/?q=story"]
        urls += [url + feed for url in (home.url, section.url, topic_url) for feed in FEEDS]
        urls.append(article.url + "no-such-page/")  # a 404
    document = get_document_model().objects.create(
        title="Report", file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 minimal")
    )
    urls += ["/sitemap.xml", "/robots.txt", document.url, "/static/js/gallery.js"]
    return urls


def assert_guarded(response, url):
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("Referrer-Policy"), url
    assert "camera=()" in headers.get("Permissions-Policy", ""), url
    csp = headers.get("Content-Security-Policy", "")
    if "default-src 'none'" in csp:  # a document download: Wagtail's own, stricter still
        assert headers.get("X-Frame-Options") == "DENY", url
        return
    assert "object-src 'none'" in csp, url
    assert f"frame-ancestors {FRAMED_BY_ITS_OWN_ADMIN}" in csp, url
    assert headers.get("X-Frame-Options") == "DENY", url


@pytest.mark.django_db
def test_every_public_response_carries_the_headers(site, client):
    statuses = set()
    for url in site:
        response = client.get(url)
        statuses.add(response.status_code)
        assert_guarded(response, url)
    assert statuses == {200, 404}, statuses  # every page really served, and one 404


@pytest.mark.django_db
def test_every_admin_response_carries_the_headers(site, client, en_home):
    anonymous = client.get(reverse("wagtailadmin_login"))
    assert_guarded(anonymous, "login")
    user = UserFactory(username="boss", superuser=True)
    client.force_login(user)
    article = Page.objects.get(title="Story en")
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[en_home.pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse(Topic.snippet_viewset.get_url_name("list")),
        reverse("wagtailadmin_reports:site_history"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_guarded(response, url)
