"""import_wordpress on small hand-written exports: the edges a real archive holds."""

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from nashra.ingest.errors import IngestError
from nashra.ingest.models import ImportedPage
from nashra.ingest.wordpress.importer import import_wordpress
from nashra.news.models import ArticlePage, SectionPage
from nashra.pages.models import StandardPage

pytestmark = pytest.mark.django_db

WXR = Path(__file__).parent / "wxr"


def article(title):
    return ArticlePage.objects.get(title=title)


def test_a_minimal_export_comes_in(editions):
    report = import_wordpress(WXR / "minimal.xml")

    assert not report.failed
    page = article("Talks resume in Baghdad")
    assert page.live and page.locale.language_code == "en"
    assert page.get_parent().slug == "middle-east"
    assert [t.name for t in page.topics.all()] == ["Iraq"]
    assert [a.name for a in page.authors.all()] == ["Sarah Haddad"]
    assert StandardPage.objects.get(slug="about").live


def test_wxr_1_1_reads_like_1_2(editions):
    report = import_wordpress(WXR / "wxr11.xml")

    assert not report.failed
    page = article("Talks resume in Baghdad")
    assert len(page.body) > 0 and page.body[0].block_type == "paragraph"
    assert "<p>" in page.body[0].value.source  # classic paragraphs got their <p> back


def test_broken_xml_is_refused_naming_the_line_and_nothing_is_written(editions):
    with pytest.raises(CommandError, match=r"line 69, column 3: the XML is broken"):
        call_command("import_wordpress", str(WXR / "malformed.xml"))

    assert not ArticlePage.objects.exists()
    assert not SectionPage.objects.exclude(pk__in=section_ids(editions)).exists()


def section_ids(editions):
    return [
        editions.en_news.pk,
        editions.en_middle_east.pk,
        editions.ar_news.pk,
        editions.ar_middle_east.pk,
    ]


@pytest.mark.parametrize("name", ["entities.xml", "external_entity.xml"])
def test_entities_are_refused_before_anything_is_expanded(editions, name):
    with pytest.raises(IngestError, match="declares XML entities"):
        import_wordpress(WXR / name)

    assert not ArticlePage.objects.exists()


def test_a_file_that_is_no_export_is_refused(editions, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<feed><title>not wordpress</title></feed>")

    with pytest.raises(CommandError, match="is not a WordPress export"):
        call_command("import_wordpress", str(path))


def test_unknown_post_types_are_left_out_and_counted(editions, capsys):
    call_command("import_wordpress", str(WXR / "unknown_types.xml"))

    out = capsys.readouterr().out
    assert ArticlePage.objects.count() == 1
    for kind in ("nav_menu_item", "wp_block", "product", "revision", "customize_changeset"):
        assert f"left out: post type “{kind}” × 1" in out


def test_duplicate_slugs_get_pages_of_their_own(editions):
    report = import_wordpress(WXR / "duplicate_slugs.xml")

    assert not report.failed
    slugs = sorted(ArticlePage.objects.values_list("slug", flat=True))
    assert slugs == ["ceasefire", "ceasefire-1"]
    assert StandardPage.objects.get().slug == "ceasefire"


def test_comments_are_ignored(editions, capsys):
    call_command("import_wordpress", str(WXR / "comments.xml"))

    assert "6 comments left out" in capsys.readouterr().out
    assert ArticlePage.objects.count() == 1


def test_an_arabic_export_comes_in_as_the_arabic_edition_with_its_slugs(editions, client):
    report = import_wordpress(WXR / "arabic.xml")

    assert report.edition == "ar" and not report.failed
    page = article("العراق يستضيف محادثات إقليمية")
    assert page.locale == editions.ar
    assert page.slug == "العراق"
    assert page.get_parent().slug == "الشرق-الأوسط"
    response = client.get("/2024/03/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82/")
    assert (response.status_code, response["Location"]) == (301, page.url)


def test_shortcodes_blocks_and_embeds_become_blocks(editions, capsys):
    call_command("import_wordpress", str(WXR / "shortcodes.xml"))

    page = article("In pictures: a week on the Euphrates")
    kinds = [block.block_type for block in page.body]
    assert "video" in kinds and "subheading" in kinds
    text = " ".join(str(block.value) for block in page.body)
    assert "[my_widget" in text  # unknown shortcodes stay as text…
    assert "[escaped]" in text and "[[" not in text
    out = capsys.readouterr().out
    assert "unknown shortcodes kept as text ([my_widget])" in out  # …and are reported
    assert "dynamic blocks left out (wp:latest-posts)" in out
    assert page.lead == "The river has fallen to its lowest level in decades."


def test_dates_and_time_zones_are_kept(editions):
    report = import_wordpress(WXR / "timezones.xml")

    assert not report.failed
    assert article("Overnight strikes reported after midnight").published_at == datetime(
        2024, 3, 31, 22, 30, tzinfo=UTC
    )
    # No GMT date: the site's offset (UTC+3, from its other posts) gives the moment.
    assert article("Published by a plugin without a GMT date").published_at == datetime(
        2024, 3, 20, 6, 0, tzinfo=UTC
    )
    assert not article("Draft: the budget, line by line").live
    assert not article("Pending review: port traffic").live
    scheduled = article("Scheduled: elections preview")
    assert not scheduled.live and scheduled.go_live_at == datetime(2030, 1, 1, 5, 0, tzinfo=UTC)


def test_one_bad_item_is_reported_by_its_id_and_the_rest_come_in(editions, capsys):
    import_wordpress(WXR / "minimal.xml")
    record = ImportedPage.objects.get(origin__endswith="#post/10")
    record.page = StandardPage.objects.get(slug="about")  # as if someone remade it by hand
    record.save()

    with pytest.raises(CommandError, match="1 item failed to import"):
        call_command("import_wordpress", str(WXR / "minimal.xml"))

    captured = capsys.readouterr()
    assert "post 10 “Talks resume in Baghdad”: failed" in captured.err
    assert "which is now a standard page;" in captured.err
    assert "page 11 “About us”: updated" in captured.out


def test_a_dry_run_writes_nothing(editions):
    report = import_wordpress(WXR / "minimal.xml", dry_run=True)

    assert report.results and not report.failed
    assert not ArticlePage.objects.exists()
    assert not Redirect.objects.exists()
    assert SectionPage.objects.count() == len(section_ids(editions))


class PictureServer(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/redirect/"):
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()
            return
        picture = BytesIO()
        PILImage.new("RGB", (2000, 1500) if "big" in self.path else (40, 30), "teal").save(
            picture, "PNG"
        )
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(picture.getvalue())

    def log_message(self, *args):
        pass


@pytest.fixture
def picture_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PictureServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def export_with_picture(tmp_path, url):
    text = (WXR / "minimal.xml").read_text()
    text = text.replace(
        "</channel>",
        f"""<item><title>Photo</title><link>https://blog.nashra.test/photo/</link>
        <wp:post_id>90</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type>
        <wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>10</wp:post_parent>
        <wp:attachment_url><![CDATA[{url}]]></wp:attachment_url></item></channel>""",
    )
    text = text.replace(
        "<wp:post_type><![CDATA[post]]></wp:post_type>",
        "<wp:post_type><![CDATA[post]]></wp:post_type><wp:postmeta><wp:meta_key>_thumbnail_id"
        "</wp:meta_key><wp:meta_value>90</wp:meta_value></wp:postmeta>",
        1,
    )
    path = tmp_path / "export.xml"
    path.write_text(text)
    return path


def test_fetch_media_downloads_from_an_allowed_host_only(editions, tmp_path, picture_server):
    path = export_with_picture(tmp_path, f"{picture_server}/uploads/photo.png")

    refused = import_wordpress(path, fetch_media=True)
    assert "not on an allowed host" in str(refused.media_problems)
    assert article("Talks resume in Baghdad").hero_image is None

    fetched = import_wordpress(path, fetch_media=True, media_hosts=["127.0.0.1"])
    assert not fetched.media_problems
    assert article("Talks resume in Baghdad").hero_image.width == 40


def test_fetch_media_keeps_to_its_limits(editions, tmp_path, picture_server, settings):
    settings.NASHRA_IMPORT_MEDIA_MAX_BYTES = 5000
    big = import_wordpress(
        export_with_picture(tmp_path, f"{picture_server}/uploads/big.png"),
        fetch_media=True,
        media_hosts=["127.0.0.1"],
    )
    assert "is larger than 5000 bytes" in str(big.media_problems)

    redirected = import_wordpress(
        export_with_picture(tmp_path, f"{picture_server}/redirect/photo.png"),
        fetch_media=True,
        media_hosts=["127.0.0.1"],
    )
    assert "169.254.169.254" in str(redirected.media_problems)
    assert "not on an allowed host" in str(redirected.media_problems)
    assert not get_image_model().objects.exists()


def test_without_media_dir_or_fetch_a_missing_picture_is_reported_not_fatal(editions, tmp_path):
    report = import_wordpress(export_with_picture(tmp_path, "https://blog.nashra.test/x.png"))

    assert not report.failed
    assert "give --media-dir, or --fetch-media" in str(report.media_problems)
