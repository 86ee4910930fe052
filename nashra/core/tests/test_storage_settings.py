"""Where media go is read from the environment (nashra/settings/storage.py): local files
without a bucket, S3-compatible storage with one, and a clear refusal of a half-set
environment that would leave media on one machine's disk."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

from nashra.settings.storage import media_origins, media_storage

LOCAL = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
MINIO = {"AWS_STORAGE_BUCKET_NAME": "nashra-media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}


def options(environ):
    storage = media_storage(environ)
    assert storage["BACKEND"] == S3
    return storage["OPTIONS"]


def refusal(environ):
    with pytest.raises(ImproperlyConfigured) as error:
        media_storage(environ)
    return str(error.value)


def test_without_a_bucket_media_stay_on_local_disk():
    assert media_storage({}) == {"BACKEND": LOCAL}
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "  "}) == {"BACKEND": LOCAL}
    # Keys alone may be there for CloudFront purges or backups: they choose nothing.
    assert (
        media_storage({"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "s"})["BACKEND"] == LOCAL
    )
    assert media_origins({}) == []


def test_amazon_s3_serves_plain_urls_from_the_buckets_regional_host():
    found = options({"AWS_STORAGE_BUCKET_NAME": "nashra-media", "AWS_S3_REGION_NAME": "eu-west-1"})
    assert found["bucket_name"] == "nashra-media"
    assert found["region_name"] == "eu-west-1"
    assert found["custom_domain"] == "nashra-media.s3.eu-west-1.amazonaws.com"
    assert found["url_protocol"] == "https:"
    assert found["querystring_auth"] is False
    assert found["file_overwrite"] is False
    assert found["default_acl"] is None
    assert "endpoint_url" not in found


def test_a_dotted_bucket_is_addressed_by_path_as_no_certificate_covers_it():
    found = options(
        {"AWS_STORAGE_BUCKET_NAME": "media.nashra.example", "AWS_S3_REGION_NAME": "me-south-1"}
    )
    assert found["custom_domain"] == "s3.me-south-1.amazonaws.com/media.nashra.example"


def test_another_s3_server_is_reached_at_its_endpoint_with_the_bucket_in_the_path():
    found = options(MINIO | {"AWS_LOCATION": "/media/"})
    assert found["endpoint_url"] == "http://127.0.0.1:9000"
    assert found["addressing_style"] == "path"
    assert found["custom_domain"] == "127.0.0.1:9000/nashra-media"
    assert found["url_protocol"] == "http:"
    assert found["location"] == "media"
    assert media_origins(MINIO) == ["http://127.0.0.1:9000"]


@pytest.mark.parametrize(
    ("domain", "protocol", "host", "origin"),
    [
        ("media.example.org", "https:", "media.example.org", "https://media.example.org"),
        (
            "https://cdn.example.org/nashra/",
            "https:",
            "cdn.example.org/nashra",
            "https://cdn.example.org",
        ),
        ("http://127.0.0.1:8081", "http:", "127.0.0.1:8081", "http://127.0.0.1:8081"),
    ],
)
def test_a_custom_domain_is_where_readers_fetch_media(domain, protocol, host, origin):
    environ = MINIO | {"AWS_S3_CUSTOM_DOMAIN": domain}
    found = options(environ)
    assert (found["url_protocol"], found["custom_domain"]) == (protocol, host)
    assert found["endpoint_url"] == "http://127.0.0.1:9000"  # uploads still go to the server
    assert media_origins(environ) == [origin]


def test_credentials_stay_in_the_environment_for_boto3():
    found = options(MINIO | {"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "secret"})
    assert "secret" not in repr(found)
    assert not {"access_key", "secret_key"} & set(found)


def test_cache_control_defaults_to_a_day_and_may_be_changed():
    assert options(MINIO)["object_parameters"] == {"CacheControl": "public, max-age=86400"}
    longer = MINIO | {"AWS_S3_CACHE_CONTROL": "public, max-age=604800"}
    assert options(longer)["object_parameters"] == {"CacheControl": "public, max-age=604800"}


def test_the_storage_builds_unsigned_urls_without_asking_the_server():
    storage = storages.create_storage(media_storage(MINIO | {"AWS_LOCATION": "media"}))
    url = storage.url("images/harbour.fill-800x450.jpg")
    assert url == "http://127.0.0.1:9000/nashra-media/media/images/harbour.fill-800x450.jpg"


@pytest.mark.parametrize(
    "name", ["AWS_S3_ENDPOINT_URL", "AWS_S3_CUSTOM_DOMAIN", "AWS_LOCATION", "AWS_S3_REGION_NAME"]
)
def test_s3_settings_without_a_bucket_are_refused(name):
    message = refusal({name: "x"})
    assert name in message and "AWS_STORAGE_BUCKET_NAME" in message


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        (MINIO | {"AWS_STORAGE_BUCKET_NAME": "Nashra_Media"}, "AWS_STORAGE_BUCKET_NAME"),
        (MINIO | {"AWS_STORAGE_BUCKET_NAME": "ab"}, "AWS_STORAGE_BUCKET_NAME"),
        (MINIO | {"AWS_ACCESS_KEY_ID": "AK"}, "AWS_SECRET_ACCESS_KEY"),
        (MINIO | {"AWS_SECRET_ACCESS_KEY": "secret"}, "AWS_ACCESS_KEY_ID"),
        (MINIO | {"AWS_S3_ENDPOINT_URL": "127.0.0.1:9000"}, "AWS_S3_ENDPOINT_URL"),
        (MINIO | {"AWS_S3_ENDPOINT_URL": "ftp://files.example.net"}, "AWS_S3_ENDPOINT_URL"),
        (MINIO | {"AWS_S3_ENDPOINT_URL": "https://s3.example.net/bucket"}, "AWS_S3_ENDPOINT_URL"),
        (MINIO | {"AWS_S3_CUSTOM_DOMAIN": "ftp://cdn.example.org"}, "AWS_S3_CUSTOM_DOMAIN"),
        (MINIO | {"AWS_S3_CUSTOM_DOMAIN": "cdn.example.org/?v=1"}, "AWS_S3_CUSTOM_DOMAIN"),
        (MINIO | {"AWS_LOCATION": "media/../secrets"}, "AWS_LOCATION"),
        ({"AWS_STORAGE_BUCKET_NAME": "nashra-media"}, "AWS_S3_REGION_NAME"),
    ],
)
def test_a_half_set_environment_is_refused_naming_the_variable(environ, named):
    assert named in refusal(environ)


def test_documents_are_served_by_wagtails_view_whatever_the_storage():
    # With a remote storage Wagtail would otherwise redirect readers to the bucket, past a
    # private collection's restriction.
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
