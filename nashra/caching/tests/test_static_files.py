"""Static files as production serves them: hashed, brotli and gzip made ahead, kept for ever."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """Nashra's own static files collected with the production storage, once for the module.

    The admin's files are left out: compressing them all takes a minute and shows nothing
    more.
    """
    root = tmp_path_factory.mktemp("static")
    production = override_settings(
        STATIC_ROOT=root,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    )
    with production:
        call_command(
            "collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin", "wagtail*"]
        )
        yield root


def hashed_name(root, original):
    import json

    manifest = json.loads((root / "staticfiles.json").read_text())
    return manifest["paths"][original]


def test_collectstatic_writes_brotli_and_gzip_beside_each_hashed_file(collected):
    name = hashed_name(collected, "css/site.css")
    assert name != "css/site.css"
    for suffix in ("", ".br", ".gz"):
        assert (collected / (name + suffix)).is_file(), name + suffix


@pytest.mark.django_db
def test_a_hashed_file_is_sent_compressed_and_cacheable_for_ever(collected):
    url = "/static/" + hashed_name(collected, "css/site.css")
    client = Client()  # a new client builds the middleware, which scans STATIC_ROOT
    brotli = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert brotli.status_code == 200
    assert brotli["Content-Encoding"] == "br"
    assert "immutable" in brotli["Cache-Control"]
    assert "max-age=315360000" in brotli["Cache-Control"]
    size = int(brotli["Content-Length"])
    assert size < (collected / hashed_name(collected, "css/site.css")).stat().st_size
    gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gzip["Content-Encoding"] == "gzip"
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
