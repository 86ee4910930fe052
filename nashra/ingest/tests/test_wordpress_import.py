"""A real WordPress site's export, imported and compared item by item with what WordPress made."""

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from nashra.ingest.models import ImportedPage
from nashra.ingest.wordpress.importer import import_wordpress
from nashra.news.models import ArticlePage, SectionPage
from nashra.pages.models import StandardPage
from nashra.topics.models import Topic

pytestmark = [pytest.mark.wordpress, pytest.mark.django_db]


def utc(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def page_for(post):
    record = ImportedPage.objects.get(origin__endswith=f"#{post['post_type']}/{post['id']}")
    return record.page.specific


@pytest.fixture
def imported(editions, wordpress_export):
    report = import_wordpress(
        wordpress_export.xml_path, media_dir=wordpress_export.uploads_dir, edition="en"
    )
    return report, wordpress_export.manifest


def check_every_post_comes_in_as_wordpress_had_it(imported):
    report, manifest = imported
    posts = manifest["posts"]

    assert not report.failed, [str(r) for r in report.failed]
    for key in ("published", "blocks", "classic", "sticky", "hostile", "arabic", "arabic_long"):
        post = posts[key]
        page = page_for(post)
        assert isinstance(page, ArticlePage), key
        assert page.title == post["title"]
        assert page.live, key
        assert page.published_at == utc(post["date_gmt"]), key
        assert page.first_published_at == utc(post["date_gmt"]), key
        section = page.get_parent().specific
        assert isinstance(section, SectionPage)
        assert section.slug == post["categories"][0], key
        tags = {manifest["tags"][slug]["name"] for slug in post["tags"]}
        assert {topic.name for topic in page.topics.all()} == tags, key
        author = manifest["users"][post["author"]]["display_name"]
        assert [a.name for a in page.authors.all()] == [author], key
        assert page.locale.language_code == "en"


def check_the_lead_is_the_excerpt_or_the_text_before_more(imported):
    _report, manifest = imported
    published = manifest["posts"]["published"]

    assert page_for(published).lead == published["excerpt"]
    assert all(page.lead for page in ArticlePage.objects.all())


def check_categories_become_nested_sections(imported):
    _report, manifest = imported
    middle_east = manifest["categories"]["middle-east"]

    sections = SectionPage.objects.filter(slug="middle-east", locale__language_code="en")
    news = SectionPage.objects.get(slug=middle_east["parent"], locale__language_code="en")
    assert sections.count() == 1  # the edition's own Middle East, under its own News
    assert sections.get().get_parent().specific == news


def check_drafts_stay_drafts_and_scheduled_posts_wait(imported):
    _report, manifest = imported

    draft = page_for(manifest["posts"]["draft"])
    scheduled = page_for(manifest["posts"]["scheduled"])
    assert not draft.live and draft.get_latest_revision().content["title"] == draft.title
    assert not scheduled.live
    assert scheduled.go_live_at == utc(manifest["posts"]["scheduled"]["date_gmt"])
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at


def check_pages_become_standard_pages_under_their_parents(imported):
    _report, manifest = imported

    about = page_for(manifest["posts"]["page"])
    team = page_for(manifest["posts"]["child_page"])
    assert isinstance(about, StandardPage) and isinstance(team, StandardPage)
    assert team.get_parent().specific == about
    assert about.live and team.live


def check_pictures_come_from_the_uploads_folder(imported):
    report, manifest = imported
    published = manifest["posts"]["published"]
    lead = manifest["attachments"]["lead"]

    page = page_for(published)
    assert page.hero_image is not None
    assert page.hero_image.title == lead["title"]
    assert page.hero_image.description == lead["alt"]
    classic = page_for(manifest["posts"]["classic"])
    kinds = [block.block_type for block in classic.body]
    assert "gallery" in kinds or kinds.count("image") >= 2, kinds
    assert not report.media_problems
    library = get_image_model().objects.filter(wire_uri__startswith="wordpress:")
    assert library.count() == len(manifest["attachments"]) == report.pictures  # unused ones too


def check_hostile_markup_never_reaches_a_reader(imported, client):
    _report, manifest = imported

    page = page_for(manifest["posts"]["hostile"])
    stored = json.dumps(list(page.body.raw_data))
    html = client.get(page.url).content.decode()
    for attack in ("<script>alert(1)", "onerror", "javascript:", "<iframe"):
        assert attack not in stored
        assert attack not in html


def check_comments_are_left_out_and_counted(imported):
    report, manifest = imported

    assert report.comments == len(manifest["comments"])


def check_old_addresses_redirect_to_the_new_pages(imported, client):
    _report, manifest = imported
    post = manifest["posts"]["published"]
    page = page_for(post)

    for old in (post["permalink"], post["query_link"]):
        parts = urlsplit(old)
        response = client.get(parts.path, dict([parts.query.split("=")]) if parts.query else {})
        assert response.status_code == 301, old
        assert response["Location"] == page.url, old
    arabic = page_for(manifest["posts"]["arabic"])
    response = client.get(urlsplit(manifest["posts"]["arabic"]["permalink"]).path)
    assert response.status_code == 301
    assert response["Location"] == arabic.url


def check_archives_and_attachment_pages_redirect(imported, client):
    _report, manifest = imported
    category = manifest["categories"]["middle-east"]
    tag = manifest["tags"]["iraq"]
    attachment = manifest["attachments"]["lead"]

    section = SectionPage.objects.get(slug="middle-east", locale__language_code="en")
    response = client.get(urlsplit(category["link"]).path)
    assert (response.status_code, response["Location"]) == (301, section.url)
    topic = Topic.objects.get(slug="iraq", locale__language_code="en")
    response = client.get(urlsplit(tag["link"]).path)
    assert response.status_code == 301
    assert response["Location"].endswith(f"/topics/{topic.slug}/")
    assert client.get(response["Location"]).status_code == 200
    response = client.get(urlsplit(attachment["attachment_link"]).path)
    assert response.status_code == 301
    assert response["Location"] == page_for(manifest["posts"]["published"]).url


def test_the_site_comes_in_item_by_item(imported, client):
    """One import of the real export, compared with what WordPress made, item by item."""
    check_every_post_comes_in_as_wordpress_had_it(imported)
    check_the_lead_is_the_excerpt_or_the_text_before_more(imported)
    check_categories_become_nested_sections(imported)
    check_drafts_stay_drafts_and_scheduled_posts_wait(imported)
    check_pages_become_standard_pages_under_their_parents(imported)
    check_pictures_come_from_the_uploads_folder(imported)
    check_hostile_markup_never_reaches_a_reader(imported, client)
    check_comments_are_left_out_and_counted(imported)


def test_every_old_address_leads_to_its_new_page(imported, client):
    check_old_addresses_redirect_to_the_new_pages(imported, client)
    check_archives_and_attachment_pages_redirect(imported, client)


def test_running_it_again_updates_and_never_duplicates(imported, wordpress_export):
    _report, _manifest = imported
    counts = (
        ArticlePage.objects.count(),
        StandardPage.objects.count(),
        SectionPage.objects.count(),
        Topic.objects.count(),
        Redirect.objects.count(),
    )

    again = import_wordpress(
        wordpress_export.xml_path, media_dir=wordpress_export.uploads_dir, edition="en"
    )

    assert not again.failed
    assert {str(r.outcome) for r in again.results} == {"updated"}
    assert counts == (
        ArticlePage.objects.count(),
        StandardPage.objects.count(),
        SectionPage.objects.count(),
        Topic.objects.count(),
        Redirect.objects.count(),
    )


def test_an_arabic_site_comes_in_as_the_arabic_edition(editions, wordpress_arabic_export):
    report = import_wordpress(
        wordpress_arabic_export.xml_path, media_dir=wordpress_arabic_export.uploads_dir
    )

    assert report.edition == "ar"
    assert not report.failed, [str(r) for r in report.failed]
    pages = ArticlePage.objects.all()
    assert pages and all(page.locale.language_code == "ar" for page in pages)


def test_the_command_prints_a_summary_and_a_dry_run_writes_nothing(
    editions, wordpress_export, capsys
):
    call_command(
        "import_wordpress",
        str(wordpress_export.xml_path),
        "--media-dir",
        str(wordpress_export.uploads_dir),
        "--edition",
        "en",
        "--dry-run",
    )

    out = capsys.readouterr().out
    assert "Dry run: nothing was written." in out
    assert "created" in out and "post" in out
    assert not ArticlePage.objects.exists()
    assert not ImportedPage.objects.exists()
    assert not Redirect.objects.exists()
