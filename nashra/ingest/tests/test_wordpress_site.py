"""The WordPress fixture: a real WordPress wrote a WXR file holding what the manifest lists."""

from urllib.parse import unquote

import pytest
from defusedxml import ElementTree

pytestmark = pytest.mark.wordpress

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


@pytest.fixture(scope="module")
def items(wordpress_export):
    """Return the export's items by post id."""
    channel = ElementTree.parse(wordpress_export.xml_path).getroot().find("channel")
    return {int(item.findtext(f"{WP}post_id")): item for item in channel.iter("item")}


def test_export_is_wxr_1_2_of_the_site(wordpress_export):
    root = ElementTree.parse(wordpress_export.xml_path).getroot()
    channel = root.find("channel")

    assert root.tag == "rss"
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert channel.findtext(f"{WP}base_blog_url") == wordpress_export.manifest["site"]["url"]
    logins = {author.findtext(f"{WP}author_login") for author in channel.iter(f"{WP}author")}
    assert {"sarah", "ahmad"} <= logins


def test_export_holds_every_post_and_page_of_the_manifest(wordpress_export, items):
    for post in wordpress_export.manifest["posts"].values():
        item = items[post["id"]]
        assert item.findtext("title") == post["title"]
        assert item.findtext(f"{WP}post_type") == post["post_type"]
        assert item.findtext(f"{WP}status") == post["status"]
        assert item.findtext(f"{WP}post_name") == post["slug"]
        assert item.findtext(f"{WP}post_date_gmt") == post["date_gmt"]
    sticky = [post_id for post_id, item in items.items() if item.findtext(f"{WP}is_sticky") == "1"]
    assert sticky == wordpress_export.manifest["sticky"]


def test_arabic_slug_is_percent_encoded(wordpress_export, items):
    post = wordpress_export.manifest["posts"]["arabic"]
    post_name = items[post["id"]].findtext(f"{WP}post_name")

    assert post_name.startswith("%d8%")
    assert unquote(post_name) == post["slug_decoded"] == post["title"].replace(" ", "-")


def test_attachments_point_at_files_in_the_uploads_folder(wordpress_export, items):
    for attachment in wordpress_export.manifest["attachments"].values():
        item = items[attachment["id"]]
        assert item.findtext(f"{WP}post_type") == "attachment"
        assert item.findtext(f"{WP}attachment_url") == attachment["url"]
        assert (wordpress_export.uploads_dir / attachment["file"]).is_file()
    lead = wordpress_export.manifest["attachments"]["lead"]
    published = items[wordpress_export.manifest["posts"]["published"]["id"]]
    meta = {
        postmeta.findtext(f"{WP}meta_key"): postmeta.findtext(f"{WP}meta_value")
        for postmeta in published.iter(f"{WP}postmeta")
    }
    assert meta["_thumbnail_id"] == str(lead["id"])


def test_comments_are_in_the_export(wordpress_export, items):
    published = items[wordpress_export.manifest["posts"]["published"]["id"]]
    contents = [
        comment.findtext(f"{WP}comment_content") for comment in published.iter(f"{WP}comment")
    ]

    assert contents == [comment["content"] for comment in wordpress_export.manifest["comments"]]


def test_hostile_markup_reaches_the_export_unfiltered(wordpress_export, items):
    content = items[wordpress_export.manifest["posts"]["hostile"]["id"]].findtext(CONTENT)

    assert "<script>alert(1)</script>" in content
    assert "<img src=x onerror=alert(1)>" in content
    assert 'href="javascript:alert(1)"' in content
    assert "<iframe" in content
    assert "a[b[0]]>c" in content


def test_arabic_site_exports_in_arabic(wordpress_arabic_export):
    channel = ElementTree.parse(wordpress_arabic_export.xml_path).getroot().find("channel")
    items = {int(item.findtext(f"{WP}post_id")): item for item in channel.iter("item")}
    manifest = wordpress_arabic_export.manifest

    assert channel.findtext("language") == "ar"
    assert channel.findtext("title") == manifest["site"]["name"] == "نشرة"
    for post in manifest["posts"].values():
        assert unquote(items[post["id"]].findtext(f"{WP}post_name")) == post["slug_decoded"]
    lead = manifest["attachments"]["lead"]
    # WordPress keeps an Arabic file name as it is, unencoded, in the attachment's URL.
    assert items[lead["id"]].findtext(f"{WP}attachment_url").endswith("/بغداد-المحادثات.jpg")
    assert (wordpress_arabic_export.uploads_dir / lead["file"]).is_file()
