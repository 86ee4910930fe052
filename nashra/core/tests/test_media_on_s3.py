"""Media in S3 (moto's in-process S3, through the real django-storages backend): pages,
feeds and documents work with a storage that has no local path, readers get plain URLs
of the bucket, and documents still go through Wagtail's view and its privacy checks."""

import re

import boto3
import feedparser
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from nashra.settings.storage import media_storage

BUCKET = "nashra-media"
REGION = "eu-west-1"
ENVIRON = {
    "AWS_STORAGE_BUCKET_NAME": BUCKET,
    "AWS_S3_REGION_NAME": REGION,
    "AWS_LOCATION": "media",
}
PUBLIC = f"https://{BUCKET}.s3.{REGION}.amazonaws.com/media/"


@pytest.fixture
def bucket(settings):
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        settings.STORAGES = {**settings.STORAGES, "default": media_storage(ENVIRON)}
        yield client


def keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in listing}


@pytest.fixture
def article(bucket, news, image_factory, article_factory):
    hero = image_factory("Harbour at dawn", size=(1200, 800))
    inline = image_factory("Cranes", size=(900, 600))
    return article_factory(
        news,
        "Port reopens",
        hero_image=hero,
        body=[("image", {"image": inline, "caption": "Cranes", "credit": ""})],
    )


def test_images_are_stored_in_the_bucket_not_on_disk(bucket, article):
    stored = keys(bucket)
    assert article.hero_image.file.name in {key.removeprefix("media/") for key in stored}
    assert all(key.startswith("media/original_images/") for key in stored)
    with pytest.raises(NotImplementedError):
        article.hero_image.file.path  # what S3 cannot give
    assert not (django_settings.MEDIA_ROOT / article.hero_image.file.name).exists()


def test_an_article_renders_its_renditions_from_the_bucket(client, bucket, article):
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    urls = set(re.findall(r'(?:src|href|content)="(https?://[^"]+/images/[^"]+)"', html))
    urls |= {
        url
        for srcset in re.findall(r'srcset="([^"]+)"', html)
        for url in re.findall(r"(\S+) \d+w", srcset)
    }
    assert urls, "the page shows no rendition"
    for url in urls:
        assert url.startswith(PUBLIC + "images/"), url
        assert "?" not in url, f"a signed or cache-busting URL: {url}"
    renditions = {key for key in keys(bucket) if key.startswith("media/images/")}
    assert {url.removeprefix(PUBLIC.replace("/media/", "/")) for url in urls} <= renditions


def test_the_feed_encloses_the_hero_rendition_with_its_size(client, bucket, article, en_home):
    response = client.get(en_home.url + "feed/")
    assert response.status_code == 200
    entry = feedparser.parse(response.content).entries[0]
    assert entry.enclosures, "no enclosure for the hero image"
    url, length = entry.enclosures[0].href, entry.enclosures[0].length
    assert url.startswith(PUBLIC + "images/")
    key = url.removeprefix(PUBLIC.replace("/media/", "/"))
    assert int(length) == bucket.head_object(Bucket=BUCKET, Key=key)["ContentLength"] > 0


def test_documents_are_read_from_the_bucket_by_wagtails_view(client, bucket, db):
    Document = get_document_model()
    document = Document.objects.create(
        title="Annual report", file=SimpleUploadedFile("annual-report.pdf", b"%PDF-1.4 report")
    )
    assert f"media/{document.file.name}" in keys(bucket)
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_private_collections_document_is_not_handed_out(client, bucket, db):
    Document = get_document_model()
    private = Collection.get_first_root_node().add_child(name="Legal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Draft contract",
        collection=private,
        file=SimpleUploadedFile("contract.pdf", b"%PDF-1.4 secret"),
    )
    response = client.get(document.url)
    # To the sign-in page, never to the file in the bucket.
    assert response.status_code == 302
    assert BUCKET not in response["Location"]
    assert response["Location"].startswith("/en/_util/login/?next=/documents/")


def test_no_image_file_is_written_to_local_disk(bucket, image_factory, client, news):
    image = image_factory("Checkpoint", size=(800, 600))
    rendition = image.get_rendition("fill-400x300")
    assert rendition.url.startswith(PUBLIC + "images/")
    assert get_image_model().objects.get(pk=image.pk).file.storage.exists(image.file.name)
    local = django_settings.MEDIA_ROOT
    assert not (local / image.file.name).exists()
    assert not (local / rendition.file.name).exists()
